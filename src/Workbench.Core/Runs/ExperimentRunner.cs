using Workbench.Engine;
using Workbench.Loop;
using Workbench.Config;
using Workbench.Oracle;

namespace Workbench.Runs;

/// <summary>How far a run got: its finished rounds, and while a round waits for a person, where its questions are.</summary>
/// <param name="Results">Finished rounds, round 0 first.</param>
/// <param name="StopReason">Why the run is over, or null.</param>
/// <param name="AwaitingRound">The round that waits for a person's answers, or null.</param>
/// <param name="QueueFolder">Folder of that round's queue and journal, or null.</param>
/// <param name="Initialisation">What loading the starting weights matched, when this invocation started the run from a file.</param>
/// <param name="ResumedAfterRound">The last finished round found in the run folder, when this invocation continued a run.</param>
public sealed record RunOutcome(IReadOnlyList<RoundResult> Results, string? StopReason, int? AwaitingRound, string? QueueFolder)
{
    public LoadReport? Initialisation { get; init; }

    public int? ResumedAfterRound { get; init; }
}

/// <summary>Runs one config into a run folder, resuming it if the folder holds an interrupted run.</summary>
public static class ExperimentRunner
{
    /// <summary><see cref="Run"/>, returning only the finished rounds.</summary>
    public static IReadOnlyList<RoundResult> RunOrResume(ExperimentConfig config, string runDirectory, ExperimentDataProvider data,
        IProgress<ExperimentProgress>? progress = null, CancellationToken cancel = default) =>
        Run(config, runDirectory, data, progress, cancel).Results;

    /// <summary>
    /// Runs (or resumes) the config in <paramref name="runDirectory"/> until it finishes or, with a person as oracle
    /// (<see cref="OracleKind.Human"/>), until a round waits for answers; run again once they are given. On the ranks of a
    /// data-parallel run (<paramref name="ranks"/>) every rank calls this alike; rank 0 alone opens and writes the run
    /// folder (the others' <paramref name="runDirectory"/> is not touched) and it alone returns the results.
    /// </summary>
    public static RunOutcome Run(ExperimentConfig config, string runDirectory, ExperimentDataProvider data,
        IProgress<ExperimentProgress>? progress = null, CancellationToken cancel = default, LoopRanks? ranks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ExperimentDataProvider.CheckNames(config);
        return Run(config, runDirectory, data.For, progress, cancel, ranks);
    }

    /// <summary>
    /// <see cref="Run(ExperimentConfig, string, ExperimentDataProvider, IProgress{ExperimentProgress}?, CancellationToken, LoopRanks?)"/>
    /// with data from <paramref name="open"/> (e.g. a synthetic problem), which the run disposes.
    /// </summary>
    public static RunOutcome Run(ExperimentConfig config, string runDirectory, Func<ExperimentConfig, IExperimentData> open,
        IProgress<ExperimentProgress>? progress = null, CancellationToken cancel = default, LoopRanks? ranks = null) =>
        Run(config, runDirectory, null, open, progress, cancel, ranks);

    /// <summary>The run, in a store the caller has opened already for <paramref name="config"/> (or null: opened here).</summary>
    internal static RunOutcome Run(ExperimentConfig config, string runDirectory, RunStore? opened, Func<ExperimentConfig, IExperimentData> open,
        IProgress<ExperimentProgress>? progress = null, CancellationToken cancel = default, LoopRanks? ranks = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(open);
        ranks ??= LoopRanks.Single;
        LoopRanks.RefusePersonOnRanks(config.Oracle == OracleKind.Human, ranks.Count);
        // Refuse a changed config before loading any data.
        var store = ranks.IsRoot ? opened ?? RunStore.Open(runDirectory, config) : null;
        // Rank 0 alone fills the image cache; the others wait, then read it.
        if (!ranks.IsRoot) ranks.Barrier();
        var experimentData = open(config);
        using var owned = experimentData as IDisposable;
        if (ranks.IsRoot) ranks.Barrier();
        IOracle? oracle = config.Oracle == OracleKind.Human ? new HumanOracle(store!.Directory) : null;
        using var experiment = new Experiment(config, experimentData, store, progress, oracle, ranks);
        experiment.Run(cancel);  // resumes from the last finished round when there is one
        var outcome = experiment.IsAwaitingLabels
            ? new RunOutcome(experiment.Results, null, experiment.CurrentRound, HumanOracle.QueueFolder(store!.Directory, experiment.CurrentRound))
            : new RunOutcome(experiment.Results, experiment.StopReason, null, null);
        return outcome with { Initialisation = experiment.InitialisationReport, ResumedAfterRound = experiment.ResumedAfterRound };
    }
}
