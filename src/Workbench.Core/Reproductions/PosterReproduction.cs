using System.Globalization;
using Workbench.Loop;
using Workbench.Metrics;
using Workbench.Config;
using Workbench.Data;

namespace Workbench.Reproductions;

/// <summary>
/// `reproduce poster`: baseline / SSL / AL / SSL+AL over seeds on the leaky `paper` split (the poster's) and the
/// nearly leak-free `provided` split (BCCD's own TRAIN/TEST folders: 2.3% of its test images have a near-copy in TRAIN,
/// against 85% for paper; the `grouped` split leaks like paper because BCCD's file-name index is not the source cell),
/// summarised next to the poster's published numbers (drawn on the paper split only). With <see cref="DataSet"/> "pbc" the
/// same protocol runs on PBC's 8 coarse classes over the stratified 50/50 split (one image per cell; its near-copy audit is
/// results/pbc-near-copies.md), with no published column: the poster measured BCCD only.
/// Every AL recipe runs next to its random-query control (the same recipe with random queries of the same budget).
/// Baseline = round 0, one value per (split, seed): every arm of a seed starts from the same labels and weights.
/// </summary>
public sealed class PosterReproduction
{
    /// <summary>The poster's recipes, the default arms.</summary>
    public static readonly string[] Strategies = ["ssl", "al", "ssl+al"];

    /// <summary>The extended arms: the poster's and consistency training (FixMatch) alone and with AL.</summary>
    public static readonly string[] Extended = [.. Strategies, "fixmatch", "fixmatch+al"];

    /// <summary>The recipes compared (default: the poster's); each AL recipe also runs with random queries.</summary>
    public IReadOnlyList<string> RecipeNames { get; init; } = Strategies;

    /// <summary>The arms: each recipe, and a random-query control for each recipe with AL.</summary>
    public IEnumerable<(string Recipe, bool RandomControl)> Arms =>
        RecipeNames.Select(s => (s, false)).Concat(RecipeNames.Where(s => Recipes.Parse(s).UsesActiveLearning()).Select(s => (s, true)));

    /// <summary>The recipe names of a comma-separated list, checked (the baseline is every run's round 0, not an arm).</summary>
    /// <exception cref="ArgumentException">An unknown recipe, the baseline, or an empty list.</exception>
    public static IReadOnlyList<string> ParseRecipes(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => Recipes.Parse(n, "--recipes")).Distinct().ToList();
        if (names.Count == 0) throw new ArgumentException("--recipes names no recipe", "--recipes");
        if (names.Contains(Recipe.Baseline)) throw new ArgumentException("--recipes: the baseline is every run's round 0, not an arm of its own", "--recipes");
        if (names.FirstOrDefault(n => n.UsesCst()) is var cst && cst.UsesCst())
            throw new ArgumentException($"--recipes: {cst.ToName()} belongs to the bone-marrow protocol", "--recipes");
        return names.Select(n => n.ToName()).ToList();
    }

    /// <summary>The poster's own data set, whose file names carry no data-set tag and whose results sit next to the poster's.</summary>
    public const string HomeDataSet = "bccd";

    /// <summary>The data sets the protocol runs on: BCCD (the poster's) and PBC's 8 coarse classes.</summary>
    public static IReadOnlyList<string> DataSetNames { get; } = [HomeDataSet, "pbc"];

    public required PresetProfile Profile { get; init; }
    public required IReadOnlyList<int> Seeds { get; init; }
    /// <summary>"bccd" or "pbc" (<see cref="DataSetNames"/>).</summary>
    public string DataSet { get; init; } = HomeDataSet;
    public IReadOnlyList<string> SplitNames { get; init; } = ["paper", "provided"];
    /// <summary>Applied to every preset config (e.g. initialisation from a weights file).</summary>
    public Func<ExperimentConfig, ExperimentConfig> Adjust { get; init; } = c => c;

    public IEnumerable<(ExperimentConfig Config, string RunDirectory)> Plan(string outputDirectory) =>
        from split in SplitNames
        from seed in Seeds
        from arm in Arms
        let preset = Adjust(Presets.Create("poster", arm.Recipe, Profile, seed) with { DataSet = DataSet, Split = split })
        let config = arm.RandomControl ? preset with { ActiveLearning = "random" } : preset
        select (config, Path.Combine(outputDirectory, split, arm.Recipe.Replace('+', '-') + (arm.RandomControl ? "-random" : ""), $"seed-{seed}"));

    public IReadOnlyList<ReproductionRun> Run(string outputDirectory, ExperimentDataProvider data,
        Func<ExperimentConfig, IProgress<ExperimentProgress>?>? progress = null, CancellationToken cancel = default) =>
        ReproductionRun.RunAll(Plan(outputDirectory), data, progress, cancel);

    /// <summary>The splits a reproduction on <paramref name="dataSet"/> runs when none are named.</summary>
    public static IReadOnlyList<string> DefaultSplits(string dataSet) =>
        CheckDataSet(dataSet) == HomeDataSet ? ["paper", "provided"] : ["stratified"];

    /// <summary>"bccd" or "pbc" for any casing.</summary>
    /// <exception cref="ArgumentException">Another data set; names the ones the protocol runs on.</exception>
    public static string CheckDataSet(string dataSet)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        var name = dataSet.Trim().ToLowerInvariant();
        return DataSetNames.Contains(name) ? name
            : throw new ArgumentException($"reproduce poster runs on {string.Join(" or ", DataSetNames)}, not '{dataSet}'", "--dataset");
    }

    /// <summary>
    /// Refuses a split the data set cannot give: paper, grouped and provided are made of BCCD's TRAIN/TEST folders, and PBC
    /// has only the stratified split (one image per cell, no folders to keep apart).
    /// </summary>
    /// <returns>The splits as the plan names them: on BCCD as given (a campaign over synthetic data names its own; the data
    /// provider checks BCCD's names when it builds a split), on PBC "stratified".</returns>
    /// <exception cref="ArgumentException">A split the data set has not; names the ones it has.</exception>
    public static IReadOnlyList<string> CheckSplits(string dataSet, IReadOnlyList<string> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        if (splits.Count == 0) throw new ArgumentException("give at least one split", "--splits");
        if (CheckDataSet(dataSet) == HomeDataSet) return splits;
        var wrong = splits.FirstOrDefault(s => !SplitName.TryParse(s, out var split) || split != SplitName.Stratified);
        if (wrong is not null)
            throw new ArgumentException($"split '{wrong}' does not apply to {dataSet} (its poster protocol runs on the stratified 50/50 split)", "--splits");
        return splits.Select(_ => SplitName.Stratified.Value).ToList();
    }

    /// <summary>
    /// Rows: baseline, then each strategy's rounds; columns: published (when <paramref name="published"/>: the poster's
    /// BCCD numbers, never next to another data set's), and mean ± std per split.
    /// </summary>
    public static SummaryTable Summarise(IReadOnlyList<ReproductionRun> runs, bool published = true)
    {
        var splits = runs.Select(r => r.Split).Distinct().ToList();
        var header = new List<string> { "strategy", "round" };
        if (published) header.Add("published acc % (paper split)");
        foreach (var split in splits)
            header.AddRange([$"{split} n", $"{split} acc %", $"{split} macro-F1 %", $"{split} labelled", $"{split} oracle labels",
                $"{split} pseudo-label precision %"]);
        var table = new SummaryTable(header);
        void Row(string strategy, int round, IEnumerable<ReproductionRun> source)
        {
            var cells = new List<string> { strategy, round.ToString(CultureInfo.InvariantCulture) };
            if (published) cells.Add(Format(PublishedResults.Poster.GetValueOrDefault(strategy)?.GetValueOrDefault(round)));
            foreach (var split in splits)
            {
                var mine = source.Where(r => r.Split == split && r.Rounds.Count > round).ToList();
                var results = mine.Select(r => r.Rounds[round]).ToList();
                cells.Add(results.Count.ToString(CultureInfo.InvariantCulture));
                cells.Add(Stat(results.Select(r => r.Accuracy * 100)));
                cells.Add(Stat(results.Select(r => r.MacroF1 * 100)));
                cells.Add(Stat(results.Select(r => (double)r.Labelled.Counts.Total), "F0"));
                cells.Add(Stat(mine.Select(r => (double)r.OracleLabels(round)), "F0"));
                cells.Add(Stat(results.Where(r => r.Labelled.PseudoLabelPrecision.HasValue).Select(r => r.Labelled.PseudoLabelPrecision!.Value * 100)));
            }
            table.Add(cells);
        }
        Row("baseline", 0, runs.GroupBy(r => r.Split).SelectMany(ReproductionRun.Baselines));
        foreach (var arm in runs.Select(r => r.Arm).Distinct())
            for (int round = runs.Where(r => r.Arm == arm).All(r => r.SharesBaseline) ? 1 : 0;
                 round <= runs.Where(r => r.Arm == arm).Select(r => r.Rounds.Count - 1).DefaultIfEmpty(0).Max(); round++)
                Row(arm, round, runs.Where(r => r.Arm == arm));
        return table;
    }

    internal static string Format(PublishedValue? value) => value is null ? "" :
        value.Std is { } std ? string.Create(CultureInfo.InvariantCulture, $"{value.Mean:F2} ± {std:F2}") : value.Mean.ToString("F2", CultureInfo.InvariantCulture);

    internal static string Stat(IEnumerable<double> values, string format = "F2")
    {
        var list = values.ToList();
        if (list.Count == 0) return "";
        var stat = MeanStd.Of(list);
        return list.Count == 1 ? stat.Mean.ToString(format, CultureInfo.InvariantCulture) + " (n = 1)"
            : string.Create(CultureInfo.InvariantCulture, $"{stat.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {stat.Std.ToString(format, CultureInfo.InvariantCulture)}");
    }
}
