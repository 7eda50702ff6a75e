using Workbench.Engine;
using static Workbench.Records.CsvText;

namespace Workbench.Records;

/// <summary>
/// records.csv's FixMatch columns: the last epoch's mask rate and pseudo-label precision (readable, derived) and every
/// epoch compactly, "seen:masked by class:checked by class:correct by class:unlabelled loss", epochs joined by '/'.
/// Empty for supervised rounds; records written before the columns existed have none and read as supervised.
/// </summary>
internal static class ConsistencyColumns
{
    public static string[] Write(IReadOnlyList<ConsistencyEpoch>? epochs) => epochs is not { Count: > 0 } ? ["", "", ""] :
    [
        Number(epochs[^1].MaskRate), Number(epochs[^1].Precision),
        string.Join("/", epochs.Select(e => string.Join(":", Number(e.Seen), Numbers(e.MaskedByClass), Numbers(e.CheckedByClass),
            Numbers(e.CorrectByClass), Number(e.UnlabelledLoss)))),
    ];

    /// <exception cref="InvalidDataException">A malformed epoch, or readable columns that disagree with the epochs.</exception>
    public static IReadOnlyList<ConsistencyEpoch>? Read(CsvRow row, int numClasses, string source)
    {
        if (!row.Has("fixmatch_epochs") || row.Text("fixmatch_epochs") is "") return null;
        string where = $"{source}: run '{row.Text("run")}' round {row.Text("round")}";
        int[] Counts(string text)
        {
            var values = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => int.TryParse(v, out var n) ? n : -1).ToArray();
            if (values.Length != numClasses || values.Any(v => v < 0))
                throw new InvalidDataException($"{where}: fixmatch_epochs has '{text}' where {numClasses} counts were expected.");
            return values;
        }
        var epochs = row.Text("fixmatch_epochs").Split('/').Select((text, i) =>
        {
            var parts = text.Split(':');
            if (parts.Length != 5 || !int.TryParse(parts[0], out var seen)
                || !double.TryParse(parts[4], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var loss))
                throw new InvalidDataException($"{where}: fixmatch_epochs epoch {i + 1} is '{text}', not seen:masked:checked:correct:loss.");
            return new ConsistencyEpoch(i + 1, seen, Counts(parts[1]), Counts(parts[2]), Counts(parts[3]), loss);
        }).ToArray();
        if (Number(epochs[^1].MaskRate) != row.Text("fixmatch_mask_rate") || Number(epochs[^1].Precision) != row.Text("fixmatch_precision"))
            throw new InvalidDataException($"{where}: fixmatch_mask_rate / fixmatch_precision disagree with fixmatch_epochs.");
        return epochs;
    }
}
