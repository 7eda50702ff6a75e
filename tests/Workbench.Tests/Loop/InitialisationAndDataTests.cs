using Workbench.Config;
using Workbench.Runs;
using Workbench.Engine;
using Workbench.Loop;

namespace Workbench.Tests.Loop;

public class InitialisationAndDataTests
{
    [Fact]
    public void PoolSubsampleIsSeededSortedAndWithoutRepeats()
    {
        var pool = Enumerable.Range(100, 500).ToArray();
        var a = PoolSampler.Subsample(pool, 50, 3);
        Assert.Equal(50, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.All(a, id => Assert.InRange(id, 100, 599));
        Assert.Equal(a, PoolSampler.Subsample(pool, 50, 3));
        Assert.NotEqual(a, PoolSampler.Subsample(pool, 50, 4));
        Assert.Same(pool, PoolSampler.Subsample(pool, null, 3));
        Assert.Same(pool, PoolSampler.Subsample(pool, 500, 3));
    }

    [Fact]
    public void CheckpointInitialisationLoadsAFileOrARunsLatestRound()
    {
        using var data = SyntheticProblem.Create(trainCount: 60, testCount: 20, seed: 13);
        using var folder = new TempFolder();
        var config = SyntheticProblem.Config("al", rounds: 1) with { MaxSteps = 5 };
        double trained;
        using (var run = new Experiment(config, data, RunStore.Open(folder.Sub("source"), config)))
        {
            run.Run();
            trained = run.Model.Checksum();
        }

        var fromRun = config with { Initialisation = InitialisationKind.Checkpoint, InitialisationPath = folder.Sub("source"), Seed = 99 };
        var (model, report) = ModelInitialiser.Create(fromRun, 4);
        using (model)
        {
            Assert.Equal(trained, model.Checksum());
            Assert.True(report!.IsComplete, report.ToString());
        }
        string file = Path.Combine(folder.Sub("source"), "checkpoints", "round-0.pt");
        var (fromFile, _) = ModelInitialiser.Create(config with { Initialisation = InitialisationKind.Weights, InitialisationPath = file }, 4);
        using (fromFile) Assert.NotEqual(trained, fromFile.Checksum());

        var missing = config with { Initialisation = InitialisationKind.Weights, InitialisationPath = folder.Sub("none.pt") };
        Assert.Throws<FileNotFoundException>(() => ModelInitialiser.Create(missing, 4));
    }

    [Fact]
    public void ExperimentDataRefusesOverlapsAndBadLabels()
    {
        using var images = ImageSet.FromBytes(new byte[4 * 8 * 8 * 3], 8);
        string[] names = ["x", "y"];
        var overlap = Assert.Throws<ArgumentException>(() => new ExperimentData("d", images, [0, 1, 0, 1], names, [0, 1, 2], [2, 3]));
        Assert.Equal("testIds", overlap.ParamName);
        var label = Assert.Throws<ArgumentException>(() => new ExperimentData("d", images, [0, 1, 5, 1], names, [0, 1], [2, 3]));
        Assert.Equal("labels", label.ParamName);
        var count = Assert.Throws<ArgumentException>(() => new ExperimentData("d", images, [0, 1, 0], names, [0, 1], [2]));
        Assert.Equal("labels", count.ParamName);
        var fine = new ExperimentData("d", images, [0, 1, 0, 1], names, [0, 1], [2, 3]);
        Assert.Equal(4, fine.Labels.Count);
    }
}
