// Reproductions layer: one finished run of a reproduction.
using System.Diagnostics;
using Workbench.Loop;
using Workbench.Config;

namespace Workbench.Reproductions;

/// <summary>One finished run of a reproduction: which strategy, split and seed, and its rounds.</summary>
public sealed record ReproductionRun(string Recipe, string Split, int Seed, string Directory,
    IReadOnlyList<RoundResult> Rounds, double Seconds)
{
    /// <summary>Runs (or resumes) every planned config into its folder, in order.</summary>
    public static IReadOnlyList<ReproductionRun> RunAll(IEnumerable<(ExperimentConfig Config, string RunDirectory)> plan,
        ExperimentDataProvider data, Func<ExperimentConfig, IProgress<ExperimentProgress>?>? progress, CancellationToken cancel)
    {
        var runs = new List<ReproductionRun>();
        foreach (var (config, directory) in plan)
        {
            var clock = Stopwatch.StartNew();
            var rounds = ExperimentRunner.RunOrResume(config, directory, data, progress?.Invoke(config), cancel);
            runs.Add(new ReproductionRun(config.Recipe, config.Split, config.Seed, directory, rounds, clock.Elapsed.TotalSeconds));
        }
        return runs;
    }
}
