using System.Globalization;
using System.Text;
using Workbench.Loop;

namespace Workbench.Runs;

/// <summary>The added/&lt;n&gt;.csv format: id,label,provenance,true_label,score,proposed_label (empty = unknown).</summary>
public static class AddedSamplesCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "id,label,provenance,true_label,score,proposed_label";

    /// <summary>The whole file as text.</summary>
    public static string Format(IEnumerable<AddedSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var s in samples)
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{s.Id},{s.Label},{ProvenanceName(s.Provenance)},{s.TrueLabel},{s.Score:R},{s.ProposedLabel}\n"));
        return text.ToString();
    }

    /// <summary>Parses a file written by <see cref="Format"/>.</summary>
    /// <exception cref="FormatException">A malformed line, with its number.</exception>
    public static IReadOnlyList<AddedSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0].Trim() != Header)
            throw new FormatException($"Not an added-samples file: the first line must be '{Header}'.");
        var result = new List<AddedSample>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Trim().Split(',');
            try
            {
                if (f.Length != 6) throw new FormatException($"{f.Length} fields instead of 6");
                result.Add(new AddedSample(Int(f[0]), Int(f[1]), ParseProvenance(f[2]), OptionalInt(f[3]),
                    double.Parse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture), OptionalInt(f[5])));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new FormatException($"Line {i + 1} of the added-samples file: {e.Message}", e);
            }
        }
        return result;
    }

    /// <summary>Kebab-case name of a provenance, as in the CSV and JSON files.</summary>
    public static string ProvenanceName(Provenance provenance) => provenance switch
    {
        Provenance.Initial => "initial",
        Provenance.PseudoLabel => "pseudo-label",
        Provenance.CstConfirmed => "cst-confirmed",
        Provenance.CstCorrected => "cst-corrected",
        Provenance.ActiveLearning => "active-learning",
        _ => throw new ArgumentOutOfRangeException(nameof(provenance), provenance, "unknown provenance"),
    };

    private static Provenance ParseProvenance(string name) =>
        Enum.GetValues<Provenance>().FirstOrDefault(p => ProvenanceName(p) == name, (Provenance)(-1)) is var p && Enum.IsDefined(p)
            ? p : throw new FormatException($"unknown provenance '{name}'");

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static int? OptionalInt(string s) => s.Length == 0 ? null : Int(s);
}
