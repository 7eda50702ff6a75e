using Workbench.Loop;
using Workbench.Reports;
using Workbench.Tests.Loop;
using Workbench.Runs;

namespace Workbench.Tests.Reports;

public sealed class ReproductionRunsTests
{
    [Fact]
    public void A_missing_folder_holds_no_runs()
    {
        Assert.Empty(ReproductionRuns.Load(Path.Combine(Path.GetTempPath(), "wb-no-such-folder-" + Guid.NewGuid().ToString("N"))));
    }

    [Fact]
    public void Run_folders_at_any_depth_are_read_with_their_stored_config_and_rounds()
    {
        using var folder = new TempFolder();
        using var data = SyntheticProblem.Create(trainCount: 120, testCount: 40);
        var ssl = SyntheticProblem.Config("ssl", rounds: 1) with { MaxSteps = 5, PseudoLabelThreshold = 0.3 };
        var al = SyntheticProblem.Config("al", rounds: 1) with { MaxSteps = 5, Budget = 4, Seed = 7 };
        var random = al with { ActiveLearning = "random", Seed = 8 };
        foreach (var (config, path) in new[] { (random, "paper/al-random/seed-8"), (al, "paper/al/seed-7"), (ssl, "grouped/ssl/seed-3") })
        {
            using var experiment = new Experiment(config, data, RunStore.Open(folder.Sub(path), config));
            experiment.Run();
        }
        Directory.CreateDirectory(folder.Sub("paper/empty"));

        var runs = ReproductionRuns.Load(folder.Path);

        // Same split: strategies in Recipes.Names order (ssl before al), whatever the folder names.
        Assert.Equal([("ssl", "fixed", 3), ("al", "fixed", 7), ("al", "fixed", 8)], runs.Select(r => (r.Recipe, r.Split, r.Seed)));
        // The random-query control keeps its own arm.
        Assert.Equal(["ssl", "al", "al (random)"], runs.Select(r => r.Arm));
        Assert.All(runs, r => Assert.Equal("scratch", r.Initialisation));
        Assert.All(runs, r => Assert.Equal(2, r.Rounds.Count));
        Assert.Equal(4, ReproductionRuns.Added(runs[1], 1).Count(a => a.Provenance == Provenance.ActiveLearning));
        Assert.Equal(al, ReproductionRuns.Config(runs[1]));
        Assert.True(ReproductionRuns.Exist(folder.Path));
    }
}
