using System.Diagnostics;
using Workbench.Loop;
using Workbench.Config;
using Workbench.Runs;
using Workbench.Selection;

namespace Workbench.Reproductions;

/// <summary>One finished run of a reproduction: which recipe (and AL strategy), split and seed, and its rounds.</summary>
public sealed record ReproductionRun(string Recipe, string Split, int Seed, string Directory,
    IReadOnlyList<RoundResult> Rounds, double Seconds)
{
    /// <summary>The active-learning strategy of the run's config ("" for recipes without AL).</summary>
    public string ActiveLearning { get; init; } = "";

    /// <summary>How the run's model started (scratch, a weights file, a checkpoint), for every table.</summary>
    public string Initialisation { get; init; } = "scratch";

    /// <summary>
    /// The arm of the comparison: the recipe, or "recipe (random)" for the random-query control of an AL recipe, or
    /// "recipe (name)" for a strategy registered from code.
    /// </summary>
    public string Arm => ArmName(Recipe, ActiveLearning);

    /// <summary>The arm a config runs in (what <see cref="Arm"/> will say of its run), e.g. for progress lines.</summary>
    public static string ArmOf(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ArmName(config.Recipe, config.ParsedRecipe().UsesActiveLearning() ? config.ActiveLearning : "");
    }

    // A strategy of one's own is an arm of its own, named after it; the built-ins keep the recipe's name (their tables predate this).
    private static string ArmName(string recipe, string activeLearning) =>
        activeLearning == "" || SelectionStrategies.Find(activeLearning) is { BuiltIn: true, Name: not "random" } ? recipe : $"{recipe} ({activeLearning})";

    /// <summary>
    /// True when the run's round 0 is the supervised training on the initial labels that every arm of its seed shares (the
    /// baseline); false for a recipe that trains on the unlabelled pool from round 0 (FixMatch), whose round 0 is the method.
    /// </summary>
    public bool SharesBaseline => !Recipes.TryParse(Recipe, out var recipe) || !recipe.TrainsOnUnlabelled();

    /// <summary>True when the recipe adds nothing after round 0 (baseline, fixmatch): the run is read at its round 0.</summary>
    public bool EndsAtRoundZero => Recipes.TryParse(Recipe, out var recipe) && !recipe.AddsAfterRoundZero();

    /// <summary>The baseline of each seed: round 0 of one run per seed that shares it (<see cref="SharesBaseline"/>).</summary>
    public static IReadOnlyList<ReproductionRun> Baselines(IEnumerable<ReproductionRun> runs) =>
        runs.Where(r => r.SharesBaseline && r.Rounds.Count > 0).GroupBy(r => r.Seed).Select(g => g.First()).ToList();

    /// <summary>The last round every run of an arm reached (round 0 for an arm that ends there).</summary>
    public static int LastRound(IEnumerable<ReproductionRun> arm) => arm.Min(r => r.Rounds.Count) - 1;

    /// <summary>Oracle answers used up to and including round <paramref name="round"/> (AL queries and CST reviews, rejections included).</summary>
    public int OracleLabels(int round) => Rounds.Take(round + 1).Sum(r =>
        r.Labelled.Added.TotalOf(Provenance.ActiveLearning) + r.Labelled.Added.TotalOf(Provenance.CstConfirmed)
        + r.Labelled.Added.TotalOf(Provenance.CstCorrected) + r.Labelled.Rejected);

    /// <summary>Runs (or resumes) every planned config into its folder, in order.</summary>
    public static IReadOnlyList<ReproductionRun> RunAll(IEnumerable<(ExperimentConfig Config, string RunDirectory)> plan,
        ExperimentDataProvider data, Func<ExperimentConfig, IProgress<ExperimentProgress>?>? progress, CancellationToken cancel) =>
        RunAll(plan, (config, store) =>
        {
            ExperimentDataProvider.CheckNames(config);
            return ExperimentRunner.Run(config, store.Directory, store, data.For, progress?.Invoke(config), cancel).Results;
        });

    /// <summary>Runs (or resumes) every planned config into its folder, in order, with data from <paramref name="open"/> (disposed after each run).</summary>
    public static IReadOnlyList<ReproductionRun> RunAll(IEnumerable<(ExperimentConfig Config, string RunDirectory)> plan,
        Func<ExperimentConfig, IExperimentData> open, Func<ExperimentConfig, IProgress<ExperimentProgress>?>? progress, CancellationToken cancel) =>
        RunAll(plan, (config, store) => ExperimentRunner.Run(config, store.Directory, store, open, progress?.Invoke(config), cancel).Results);

    private static List<ReproductionRun> RunAll(IEnumerable<(ExperimentConfig Config, string RunDirectory)> plan,
        Func<ExperimentConfig, RunStore, IReadOnlyList<RoundResult>> runOne)
    {
        var runs = new List<ReproductionRun>();
        var done = new List<(ExperimentConfig Config, string Directory)>();
        foreach (var (config, directory) in plan)
        {
            var clock = Stopwatch.StartNew();
            // Arms of one seed share round 0: train it once, copy it to the others (RoundZeroDonor says when that is exact).
            var store = RunStore.Open(directory, config);
            foreach (var donor in done.Where(d => RoundZeroDonor.ShareRoundZero(d.Config, config)))
                if (RoundZeroDonor.TrySeed(store, donor.Directory)) break;
            // The store opened here is the one the run writes: the config is checked against the folder once.
            var rounds = runOne(config, store);
            runs.Add(Of(config, directory, rounds, clock.Elapsed.TotalSeconds));
            done.Add((config, directory));
        }
        return runs;
    }

    /// <summary>The record of a run made with <paramref name="config"/>.</summary>
    public static ReproductionRun Of(ExperimentConfig config, string directory, IReadOnlyList<RoundResult> rounds, double seconds)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ReproductionRun(config.Recipe, config.Split, config.Seed, directory, rounds, seconds)
        {
            ActiveLearning = config.ParsedRecipe().UsesActiveLearning() ? config.ActiveLearning : "",
            Initialisation = InitialisationName(config),
        };
    }

    /// <summary>
    /// What the runs of a reproduction train and see, for headers: "cnn4, 32px cropped to 90 px around the nucleus, queries
    /// bald, typiclust initial labels". The query strategy is named when an arm queries the oracle other than at random (the
    /// random controls are named by their arms); the initial selection when it is not the stratified draw.
    /// </summary>
    public static string Setting(ExperimentConfig first, IEnumerable<ReproductionRun> runs)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(runs);
        var queries = runs.Where(r => Recipes.Parse(r.Recipe).UsesActiveLearning() && r.ActiveLearning is not ("" or "random"))
            .Select(r => r.ActiveLearning).Distinct().Order(StringComparer.Ordinal).ToList();
        return $"{first.Architecture}, {first.ImageSize}px{(first.CropPixels == 0 ? "" : $" cropped to {first.CropPixels} px around the nucleus")}"
            + (queries.Count == 0 ? "" : $", queries {string.Join(" / ", queries)}")
            + (first.InitialSelection == Loop.InitialSelection.Stratified ? "" : $", {first.InitialSelection} initial labels");
    }

    /// <summary>
    /// "scratch", or the kind and file name of the initialisation; for a pretrained start the method and length
    /// ("pretrained:simclr-20ep"), which every split and seed share although each has its own checkpoint file.
    /// </summary>
    public static string InitialisationName(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Initialisation == InitialisationKind.Scratch || config.InitialisationPath is null) return "scratch";
        if (config.Initialisation == InitialisationKind.Pretrained)
            return $"pretrained:{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(config.InitialisationPath)))}";
        return $"{config.Initialisation.ToString().ToLowerInvariant()}:{Path.GetFileName(config.InitialisationPath.TrimEnd('/'))}";
    }
}
