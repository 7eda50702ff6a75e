// Reproductions layer: runs one config into a run folder, resuming it if the folder holds an interrupted run.
using Workbench.Loop;
using Workbench.Config;
using Workbench.Runs;

namespace Workbench.Reproductions;

/// <summary>Runs one config into a run folder, resuming it if the folder holds an interrupted run.</summary>
public static class ExperimentRunner
{
    public static IReadOnlyList<RoundResult> RunOrResume(ExperimentConfig config, string runDirectory, ExperimentDataProvider data,
        IProgress<ExperimentProgress>? progress = null, CancellationToken cancel = default)
    {
        config.Validate();
        ExperimentDataProvider.CheckNames(config);
        // Refuse a changed config before loading any data.
        var store = RunStore.Open(runDirectory, config);
        using var experimentData = data.For(config);
        using var experiment = new Experiment(config, experimentData, store, progress);
        experiment.Run(cancel);  // resumes from the last finished round when there is one
        return experiment.Results;
    }
}
