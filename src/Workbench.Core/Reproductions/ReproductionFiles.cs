// Reproductions layer: where one reproduction writes its runs, results and figures.
using Workbench.Engine;

namespace Workbench.Reproductions;

/// <summary>
/// The file names of one reproduction (protocol, profile, start). Every name carries the start's tag, so a reproduction
/// from another start never resumes, overwrites or is mistaken for the one from scratch: all names come from here.
/// </summary>
/// <param name="Protocol">"poster" or "bone-marrow".</param>
/// <param name="Profile">"quick" or "full".</param>
/// <param name="StartTag">"" for scratch, "-pretrained-10ep", "-from-&lt;file&gt;".</param>
/// <param name="Precision">bf16 runs give other numbers than fp32 ones: their names end in "-bf16", so neither resumes the other.</param>
/// <param name="Crop">Nucleus-centred crop in original pixels (0 = whole frames): other images, so "-crop120" in every name.</param>
public sealed record ReproductionFiles(string Protocol, string Profile, string StartTag, Precision Precision = Precision.Fp32, int Crop = 0)
{
    /// <summary>The tag of a start from the SimCLR checkpoint of <paramref name="epochs"/> epochs.</summary>
    public static string PretrainedTag(int epochs) => $"-pretrained-{epochs}ep";

    /// <summary>"-from-&lt;file name&gt;" for a weights file or checkpoint; "" (scratch) for none.</summary>
    public static string FileTag(string? file) => file is null ? "" : "-from-" + SafeName(file);

    private string Stem => $"{Protocol}-{Profile}{Workbench.Data.NucleusCrop.Tag(Crop)}{StartTag}{(Precision == Precision.Fp32 ? "" : "-" + Precision.ToName())}";

    /// <summary>The default run folder under <paramref name="runsRoot"/>.</summary>
    public string RunFolder(string runsRoot) => Path.Combine(runsRoot, $"reproduce-{Stem}");

    /// <summary>The tidy CSV in the results folder.</summary>
    public string TidyCsv(string results) => Path.Combine(results, $"{Stem}.csv");

    /// <summary>The Markdown summary and paired comparisons in the results folder.</summary>
    public string Summary(string results) => Path.Combine(results, $"{Stem}.md");

    /// <summary>The samples added per round and class (bone marrow) in the results folder.</summary>
    public string AddedByClass(string results) => Path.Combine(results, $"{Stem}-added-by-class.md");

    /// <summary>The learning curves of one split against oracle labels used.</summary>
    public string LearningCurves(string figures, string split) => Path.Combine(figures, $"{Stem}-{split}-learning-curves.svg");

    // File names keep letters, digits, '-' and '_': a weights file called "rn18 (v2).pt" tags as "rn18--v2-".
    private static string SafeName(string path) =>
        new(Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(path)).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
