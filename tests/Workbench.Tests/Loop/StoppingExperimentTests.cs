using Workbench.Loop;
using Workbench.Metrics;
using Workbench.Runs;

namespace Workbench.Tests.Loop;

/// <summary>The stopping signal inside the loop: a stop set drawn once, a kappa every round after 0, and the optional rule.</summary>
public class StoppingExperimentTests
{
    [Fact]
    public void EveryRoundAfterZeroRecordsTheKappaOfItsStopSetPredictionsAndNullNeverStops()
    {
        using var data = SyntheticProblem.Create(trainCount: 160, testCount: 40, seed: 21);
        var config = SyntheticProblem.Config("al", rounds: 3) with { Budget = 8, MaxSteps = 20 };
        using var experiment = new Experiment(config, data);
        var results = experiment.Run();

        Assert.Equal(4, results.Count);
        Assert.Equal("all 3 rounds done", experiment.StopReason);
        // The stop set: the unlabelled training side of round 0 (160 - 8 initial labels, fewer than 1,000: all of it).
        var initial = experiment.Labelled.Samples.Where(s => s.Provenance == Provenance.Initial).Select(s => s.Id).ToHashSet();
        Assert.Equal(data.TrainIds.Where(id => !initial.Contains(id)), experiment.StopSet.Ids);
        Assert.Null(results[0].StopSetKappa);
        Assert.All(results, r => Assert.Equal(152, r.StopSetPredicted!.Count));
        for (int r = 1; r < results.Count; r++)
            Assert.Equal(CohensKappa.Of(results[r - 1].StopSetPredicted!, results[r].StopSetPredicted!), results[r].StopSetKappa);
        // Queried images stay in the stop set (the paper's fixed set): round 3's set still holds what rounds 1-3 labelled.
        Assert.Contains(experiment.Labelled.Samples, s => s.Provenance == Provenance.ActiveLearning && experiment.StopSet.Ids.Contains(s.Id));
    }

    [Fact]
    public void TheStopSetIsASeededDrawOfRoundZerosUnlabelledImages()
    {
        using var data = SyntheticProblem.Create(trainCount: 160, testCount: 40, seed: 21);
        var config = SyntheticProblem.Config("al") with { StopSetSize = 40, ValidationPerClass = 5 };
        IReadOnlyList<int> Drawn(Workbench.Config.ExperimentConfig c)
        {
            using var experiment = new Experiment(c, data);
            experiment.Initialize();
            // Round 0's unlabelled pool (neither initial labels nor validation images), drawn from with the stop set's own seed.
            var pool = experiment.UnlabelledPool();
            Assert.Equal(PoolSampler.Subsample(pool, c.StopSetSize, RoundSeeds.For(c.Seed, 0, SeedPurpose.StopSet)), experiment.StopSet.Ids);
            return experiment.StopSet.Ids;
        }
        var ids = Drawn(config);
        Assert.Equal(40, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(40, ids.Distinct().Count());
        Assert.Equal(ids, Drawn(config));
        Assert.NotEqual(ids, Drawn(config with { Seed = 4 }));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public void AKappaRuleThatHoldsStopsTheRunAfterItsWindowAndTheStopIsKept(int window, int lastRound)
    {
        using var data = SyntheticProblem.Create(trainCount: 160, testCount: 40, seed: 21);
        using var folder = new TempFolder();
        // Kappa 0 is chance agreement: any model that learnt something clears it.
        var config = SyntheticProblem.Config("al", rounds: 4) with { Budget = 8, MaxSteps = 20, StopWhenKappa = 0.0, StopKappaWindow = window };
        using (var experiment = new Experiment(config, data, RunStore.Open(folder.Path, config)))
        {
            var results = experiment.Run();
            Assert.Equal(lastRound + 1, results.Count);
            Assert.All(results.Skip(1), r => Assert.True(r.StopSetKappa >= 0));
            Assert.StartsWith("the stop-set predictions stabilised: mean kappa", experiment.StopReason);
            Assert.Contains($"over rounds {lastRound - window + 1}-{lastRound} >= 0 (stopWhenKappa)", experiment.StopReason);
        }
        Assert.Contains("stabilised", RunStore.OpenExisting(folder.Path).ReadState()!.StopReason);
        using var reopened = new Experiment(config, data, RunStore.Open(folder.Path, config));
        Assert.Equal(lastRound + 1, reopened.Run().Count);
        Assert.Contains("stabilised", reopened.StopReason);
    }
}
