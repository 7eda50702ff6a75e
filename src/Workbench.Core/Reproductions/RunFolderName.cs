using Workbench.Config;
using Workbench.Data;
using Workbench.Engine;

namespace Workbench.Reproductions;

/// <summary>
/// The default folder of one `workbench run`: data set, split, recipe, network, image size, crop, start and seed (plus the
/// query strategy when named, "balanced" for class-balanced queries, and the precision when not fp32). A run resumes the
/// folder of its name, so whatever gives other numbers must change the name; a whole-frame run keeps the name it had
/// before crops existed.
/// </summary>
public static class RunFolderName
{
    /// <summary>"runs/bccd-paper-baseline-cnn4-32px-scratch-seed0", "…-32px-crop120-scratch-seed0" with a crop.</summary>
    public static string For(ExperimentConfig config, bool queryNamed, Precision precision, string runsRoot = "runs")
    {
        ArgumentNullException.ThrowIfNull(config);
        return Path.Combine(runsRoot,
            $"{DataTag(config.DataSet)}-{config.Split}-{config.Recipe.Replace('+', '-')}-{config.Architecture}-{config.ImageSize}px"
            + $"{NucleusCrop.Tag(config.CropPixels)}-{config.Initialisation.ToString().ToLowerInvariant()}-seed{config.Seed}"
            + (queryNamed ? "-" + config.ActiveLearning : "")
            + (config.BalancedQueries ? "-balanced" : "")
            + (config.InitialSelection == Workbench.Loop.InitialSelection.Stratified ? "" : $"-{config.InitialSelection}-start")
            // bf16 gives other numbers: its own folder, so it never resumes an fp32 run.
            + (precision == Precision.Fp32 ? "" : "-" + precision.ToName()));
    }

    /// <summary>The data set as a folder-name part: its name, or "own-&lt;leaf&gt;" for a user's own images (folder:/path or a manifest).</summary>
    public static string DataTag(string dataSet)
    {
        if (!OwnData.IsOwnDataName(dataSet)) return dataSet;
        var leaf = Path.GetFileNameWithoutExtension(OwnData.PathOf(dataSet));
        return "own-" + new string(leaf.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
    }
}
