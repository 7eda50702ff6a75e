// Reproductions layer: `reproduce poster`.
using System.Globalization;
using System.Text;
using Workbench.Loop;
using Workbench.Metrics;
using Workbench.Config;

namespace Workbench.Reproductions;

/// <summary>
/// `reproduce poster`: baseline / SSL / AL / SSL+AL over seeds on the leaky `paper` split and the
/// leak-free `grouped` split, summarised next to the poster's published numbers.
/// Baseline = round 0 of each strategy's run (same seed, labels and initialisation, so identical).
/// </summary>
public sealed class PosterReproduction
{
    public static readonly string[] Strategies = ["ssl", "al", "ssl+al"];

    public required PresetProfile Profile { get; init; }
    public required IReadOnlyList<int> Seeds { get; init; }
    public IReadOnlyList<string> SplitNames { get; init; } = ["paper", "grouped"];
    /// <summary>Applied to every preset config (e.g. initialisation from a weights file).</summary>
    public Func<ExperimentConfig, ExperimentConfig> Adjust { get; init; } = c => c;

    public IEnumerable<(ExperimentConfig Config, string RunDirectory)> Plan(string outputDirectory) =>
        from split in SplitNames
        from seed in Seeds
        from strategy in Strategies
        let config = Adjust(Presets.Create("poster", strategy, Profile, seed) with { Split = split })
        select (config, Path.Combine(outputDirectory, split, strategy.Replace('+', '-'), $"seed-{seed}"));

    public IReadOnlyList<ReproductionRun> Run(string outputDirectory, ExperimentDataProvider data,
        Func<ExperimentConfig, IProgress<ExperimentProgress>?>? progress = null, CancellationToken cancel = default) =>
        ReproductionRun.RunAll(Plan(outputDirectory), data, progress, cancel);

    /// <summary>Rows: baseline, then each strategy's rounds; columns: published, and mean ± std per split.</summary>
    public static SummaryTable Summarise(IReadOnlyList<ReproductionRun> runs)
    {
        var splits = runs.Select(r => r.Split).Distinct().ToList();
        var header = new List<string> { "strategy", "round", "published acc %" };
        foreach (var split in splits)
            header.AddRange([$"{split} acc %", $"{split} macro-F1 %", $"{split} labelled", $"{split} pseudo-label precision %"]);
        var table = new SummaryTable(header);
        void Row(string strategy, int round, IEnumerable<ReproductionRun> source)
        {
            var published = PublishedResults.Poster.GetValueOrDefault(strategy)?.GetValueOrDefault(round);
            var cells = new List<string> { strategy, round.ToString(CultureInfo.InvariantCulture), Format(published) };
            foreach (var split in splits)
            {
                var results = source.Where(r => r.Split == split && r.Rounds.Count > round).Select(r => r.Rounds[round]).ToList();
                cells.Add(Stat(results.Select(r => r.Accuracy * 100)));
                cells.Add(Stat(results.Select(r => r.MacroF1 * 100)));
                cells.Add(Stat(results.Select(r => (double)r.Training.Size), "F0"));
                cells.Add(Stat(results.Where(r => r.Labelled.PseudoLabelPrecision.HasValue).Select(r => r.Labelled.PseudoLabelPrecision!.Value * 100)));
            }
            table.Add(cells);
        }
        Row("baseline", 0, runs);
        foreach (var strategy in Strategies)
            for (int round = 1; round <= runs.Where(r => r.Recipe == strategy).Select(r => r.Rounds.Count - 1).DefaultIfEmpty(0).Max(); round++)
                Row(strategy, round, runs.Where(r => r.Recipe == strategy));
        return table;
    }

    internal static string Format(PublishedValue? value) => value is null ? "" :
        value.Std is { } std ? string.Create(CultureInfo.InvariantCulture, $"{value.Mean:F2} ± {std:F2}") : value.Mean.ToString("F2", CultureInfo.InvariantCulture);

    internal static string Stat(IEnumerable<double> values, string format = "F2")
    {
        var list = values.ToList();
        if (list.Count == 0) return "";
        var stat = MeanStd.Of(list);
        return list.Count == 1 ? stat.Mean.ToString(format, CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{stat.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {stat.Std.ToString(format, CultureInfo.InvariantCulture)}");
    }
}
