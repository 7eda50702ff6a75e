using Workbench.Config;
using Workbench.Engine;

namespace Workbench.Reproductions;

/// <summary>
/// The file names of one reproduction (protocol, data set, profile, start). Every name carries the start's tag, so a reproduction
/// from another start never resumes, overwrites or is mistaken for the one from scratch: all names come from here.
/// </summary>
/// <param name="Protocol">"poster" or "bone-marrow".</param>
/// <param name="Profile">"quick" or "full".</param>
/// <param name="StartTag">"" for scratch, "-pretrained-10ep", "-from-&lt;file&gt;".</param>
/// <param name="Precision">bf16 runs give other numbers than fp32 ones: their names end in "-bf16", so neither resumes the other.</param>
/// <param name="Crop">Nucleus-centred crop in original pixels (0 = whole frames): other images, so "-crop120" in every name.</param>
public sealed record ReproductionFiles(string Protocol, string Profile, string StartTag, Precision Precision = Precision.Fp32, int Crop = 0)
{
    /// <summary>
    /// "" for the protocol's own data set (the names committed results and notebooks read), else the data set, which then
    /// follows the protocol in every name ("poster-pbc-quick-..."), so a PBC reproduction never resumes or overwrites a BCCD one.
    /// </summary>
    public string DataSet { get; init; } = "";

    /// <summary>
    /// "" for the preset's network, size and query strategy; otherwise the overrides' tag after the profile and crop
    /// ("-48px-cnn4-dropout-bald"), so a variant never resumes or overwrites the preset's reproduction.
    /// </summary>
    public string Variant { get; init; } = "";

    /// <summary>The <see cref="DataSet"/> of a reproduction of <paramref name="protocol"/> on <paramref name="dataSet"/>: "" for its own.</summary>
    public static string DataSetTag(string protocol, string dataSet)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        return Presets.Create(protocol, "baseline").DataSet == dataSet ? "" : dataSet;
    }

    /// <summary>The tag of a start from the SimCLR checkpoint of <paramref name="epochs"/> epochs.</summary>
    public static string PretrainedTag(int epochs) => $"-pretrained-{epochs}ep";

    /// <summary>"-from-&lt;file name&gt;" for a weights file or checkpoint; "" (scratch) for none.</summary>
    public static string FileTag(string? file) => file is null ? "" : "-from-" + SafeName(file);

    private string Stem => $"{Protocol}{(DataSet.Length == 0 ? "" : "-" + DataSet)}-{Profile}{Workbench.Data.NucleusCrop.Tag(Crop)}{Variant}{StartTag}{(Precision == Precision.Fp32 ? "" : "-" + Precision.ToName())}";

    /// <summary>The default run folder under <paramref name="runsRoot"/>.</summary>
    public string RunFolder(string runsRoot) => Path.Combine(runsRoot, $"reproduce-{Stem}");

    /// <summary>The folder of the committed per-seed records and the tables rebuilt from them.</summary>
    public string RecordsFolder(string results) => Path.Combine(results, Stem);

    // File names keep letters, digits, '-' and '_': a weights file called "rn18 (v2).pt" tags as "rn18--v2-".
    private static string SafeName(string path) =>
        new(Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(path)).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
