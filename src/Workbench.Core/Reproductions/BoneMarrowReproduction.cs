using System.Globalization;
using Workbench.Loop;
using Workbench.Config;

namespace Workbench.Reproductions;

/// <summary>
/// `reproduce bone-marrow`: CST / AL / CST+AL on the PBC fine labels (25 initial per class), with the
/// samples added per round and class, accuracy per round, and the metamyelocyte / band / segmented
/// sub-accuracy (the confusions the bone-marrow paper reports).
/// </summary>
public sealed class BoneMarrowReproduction
{
    public static readonly string[] Strategies = ["cst", "al", "cst+al"];

    /// <summary>Class names of the hard trio in the PBC fine task.</summary>
    public static readonly string[] NeutrophilSeries = ["metamyelocyte", "band neutrophil", "segmented neutrophil"];

    public required PresetProfile Profile { get; init; }
    public required IReadOnlyList<int> Seeds { get; init; }
    public Func<ExperimentConfig, ExperimentConfig> Adjust { get; init; } = c => c;

    public IEnumerable<(ExperimentConfig Config, string RunDirectory)> Plan(string outputDirectory) =>
        from seed in Seeds
        from arm in Strategies.Select(s => (Recipe: s, Random: false)).Concat(Strategies.Where(s => s.EndsWith("al", StringComparison.Ordinal)).Select(s => (Recipe: s, Random: true)))
        let preset = Adjust(Presets.Create("bone-marrow", arm.Recipe, Profile, seed))
        // The control asks as many random questions as margin-threshold may (its cap), so the two cost the expert alike.
        let config = arm.Random ? preset with { ActiveLearning = "random", Budget = preset.MarginCap ?? preset.Budget } : preset
        select (config, Path.Combine(outputDirectory, arm.Recipe.Replace('+', '-') + (arm.Random ? "-random" : ""), $"seed-{seed}"));

    public IReadOnlyList<ReproductionRun> Run(string outputDirectory, ExperimentDataProvider data,
        Func<ExperimentConfig, IProgress<ExperimentProgress>?>? progress = null, CancellationToken cancel = default) =>
        ReproductionRun.RunAll(Plan(outputDirectory), data, progress, cancel);

    /// <summary>Accuracy on test samples whose true class is one of <paramref name="classes"/>.</summary>
    public static double SubAccuracy(RoundResult round, IReadOnlyList<string> classNames, IReadOnlyList<string> classes)
    {
        var indices = classes.Select(c => IndexOf(classNames, c)).ToArray();
        long correct = indices.Sum(i => (long)round.Test.Confusion[i, i]);
        long total = indices.Sum(i => (long)round.Test.Confusion.Support(i));
        return total == 0 ? 0 : (double)correct / total;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new ArgumentException($"class '{name}' is not in this data set ({string.Join(", ", names)})", nameof(name));
    }

    /// <summary>Per strategy and round: accuracy, macro-F1, the trio's recall and sub-accuracy, training-set size, additions.</summary>
    public static SummaryTable Summarise(IReadOnlyList<ReproductionRun> runs, IReadOnlyList<string> classNames)
    {
        var header = new List<string> { "strategy", "round", "published acc % (same round)", "published labelled (same round)", "acc %", "macro-F1 %", "MMY/BNE/SNE acc %" };
        header.AddRange(NeutrophilSeries.Select(c => $"{c} recall %"));
        header.AddRange(["n", "labelled (cumulative)", "training set (capped)", "oracle labels", "added pseudo/CST", "added AL", "CST corrected", "pseudo-label precision %"]);
        var table = new SummaryTable(header);
        foreach (var strategy in runs.Select(r => r.Arm).Distinct())
        {
            var mine = runs.Where(r => r.Arm == strategy).ToList();
            int maxRound = mine.Max(r => r.Rounds.Count - 1);
            for (int round = 0; round <= maxRound; round++)
            {
                var results = mine.Where(r => r.Rounds.Count > round).Select(r => r.Rounds[round]).ToList();
                var cells = new List<string>
                {
                    strategy, round.ToString(CultureInfo.InvariantCulture),
                    // Nakamura's Table 1 at this round (5 and 25 given), never the paper's last round beside our fifth.
                    PublishedResults.BoneMarrow.GetValueOrDefault(strategy)?.TryGetValue(round, out var paper) == true ? paper.Accuracy.ToString("F1", CultureInfo.InvariantCulture) : "",
                    PublishedResults.BoneMarrow.GetValueOrDefault(strategy)?.TryGetValue(round, out var same) == true ? same.Labelled.ToString("N0", CultureInfo.InvariantCulture) : "",
                    PosterReproduction.Stat(results.Select(r => r.Accuracy * 100)),
                    PosterReproduction.Stat(results.Select(r => r.MacroF1 * 100)),
                    PosterReproduction.Stat(results.Select(r => SubAccuracy(r, classNames, NeutrophilSeries) * 100)),
                };
                cells.AddRange(NeutrophilSeries.Select(c =>
                    PosterReproduction.Stat(results.Select(r => r.Test.PerClass[IndexOf(classNames, c)].Recall * 100))));
                cells.Add(results.Count.ToString(CultureInfo.InvariantCulture));
                // The paper's 40,518 / 3,682 / 47,843 are cumulative labelled counts: compare with this column, not the capped one.
                cells.Add(PosterReproduction.Stat(results.Select(r => (double)r.Labelled.Counts.Total), "F0"));
                cells.Add(PosterReproduction.Stat(results.Select(r => (double)r.Training.Size), "F0"));
                cells.Add(PosterReproduction.Stat(mine.Where(r => r.Rounds.Count > round).Select(r => (double)r.OracleLabels(round)), "F0"));
                cells.Add(PosterReproduction.Stat(results.Select(r => (double)(r.Labelled.Added.TotalOf(Provenance.PseudoLabel)
                    + r.Labelled.Added.TotalOf(Provenance.CstConfirmed) + r.Labelled.Added.TotalOf(Provenance.CstCorrected))), "F0"));
                cells.Add(PosterReproduction.Stat(results.Select(r => (double)r.Labelled.Added.TotalOf(Provenance.ActiveLearning)), "F0"));
                cells.Add(PosterReproduction.Stat(results.Select(r => (double)r.Labelled.CstCorrected), "F0"));
                cells.Add(PosterReproduction.Stat(results.Where(r => r.Labelled.PseudoLabelPrecision.HasValue).Select(r => r.Labelled.PseudoLabelPrecision!.Value * 100)));
                table.Add(cells);
            }
        }
        return table;
    }

    /// <summary>Samples added per round and class (all provenances), one row per strategy and round, first seed.</summary>
    public static SummaryTable AddedByClass(IReadOnlyList<ReproductionRun> runs, IReadOnlyList<string> classNames)
    {
        var table = new SummaryTable(["strategy", "round", .. classNames, "total"]);
        foreach (var run in runs.GroupBy(r => r.Arm).Select(g => g.OrderBy(r => r.Seed).First()))
            foreach (var round in run.Rounds.Skip(1))
            {
                var byClass = round.Labelled.Added.ByClass;
                table.Add([run.Arm, round.Round.ToString(CultureInfo.InvariantCulture),
                    .. byClass.Select(n => n.ToString(CultureInfo.InvariantCulture)), byClass.Sum().ToString(CultureInfo.InvariantCulture)]);
            }
        return table;
    }
}
