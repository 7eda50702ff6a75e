using Workbench.Loop;
using Workbench.Runs;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Runs;

/// <summary>Arms of one seed share round 0: the copy must equal training it again, and must never cross configs that differ there.</summary>
public class RoundZeroDonorTests
{
    [Fact]
    public void ACopiedRoundZeroEqualsATrainedOneAndTheRunContinuesFromIt()
    {
        using var temp = new TempFolder();
        using var data = SyntheticProblem.Create(trainCount: 160, testCount: 40, seed: 3);
        var ssl = SyntheticProblem.Config("ssl", rounds: 1);
        var al = SyntheticProblem.Config("al", rounds: 1) with { ActiveLearning = "random" };
        using (var donor = new Experiment(ssl, data, RunStore.Open(temp.Sub("ssl"), ssl))) donor.Run();

        var target = RunStore.Open(temp.Sub("al"), al);
        Assert.True(RoundZeroDonor.TrySeed(target, temp.Sub("ssl")));
        var phases = new List<(ExperimentPhase Phase, int Round)>();
        using var seeded = new Experiment(al, data, RunStore.Open(temp.Sub("al"), al),
            new SynchronousProgress<ExperimentProgress>(p => phases.Add((p.Phase, p.Round))));
        var results = seeded.Run();
        Assert.DoesNotContain(phases, p => p.Phase == ExperimentPhase.Train && p.Round == 0);

        using var fresh = new Experiment(al, data);
        var expected = fresh.Run();
        Assert.Equal(expected.Select(r => r.Accuracy), results.Select(r => r.Accuracy));
        Assert.Equal(expected[1].Labelled.Counts.Total, results[1].Labelled.Counts.Total);
    }

    [Fact]
    public void ConfigsThatDifferInRoundZeroNeverShareIt()
    {
        var ssl = SyntheticProblem.Config("ssl");
        Assert.True(RoundZeroDonor.ShareRoundZero(ssl, ssl with { Recipe = "al", Budget = 5, ActiveLearning = "random" }));
        Assert.False(RoundZeroDonor.ShareRoundZero(ssl, ssl with { Seed = 4 }));
        Assert.False(RoundZeroDonor.ShareRoundZero(ssl, ssl with { Epochs = 3 }));
        Assert.False(RoundZeroDonor.ShareRoundZero(ssl, ssl with { ValidationPerClass = 2 }));
        using var temp = new TempFolder();
        using var data = SyntheticProblem.Create(trainCount: 80, testCount: 20, seed: 3);
        using (var donor = new Experiment(ssl with { Rounds = 0 }, data, RunStore.Open(temp.Sub("a"), ssl with { Rounds = 0 }))) donor.Run();
        var other = ssl with { Seed = 9 };
        Assert.False(RoundZeroDonor.TrySeed(RunStore.Open(temp.Sub("b"), other), temp.Sub("a")));
        Assert.Null(RunStore.OpenExisting(temp.Sub("b")).ReadState());
    }

    [Fact]
    public void TheFieldListsAreTheFieldsDeclaredWithTheirReachUnderTheirStoredNames()
    {
        // The lists as they were written out by hand before the fields declared their reach: resume and the sharing of
        // round 0 must not change with the move.
        string[] later =
        [
            "recipe", "selectionOrder", "pseudoLabelThreshold", "activeLearning", "budget", "balancedQueries", "marginThreshold", "marginCap",
            "topKScorer", "cstRejectRate", "rounds", "poolPerRound", "retrain", "fineTuneLearningRate", "device", "stopWhenKappa", "stopKappaWindow",
        ];
        Assert.Equal(later.Order(StringComparer.Ordinal), RoundZeroDonor.LaterRoundFields.Order(StringComparer.Ordinal));
        Assert.Equal(["rounds", "device"], Workbench.Config.ExperimentConfigJson.ResumableFields);
        var ssl = SyntheticProblem.Config("ssl");
        Assert.True(RoundZeroDonor.ShareRoundZero(ssl, ssl with { QueryScorer = "entropy", Device = "cuda" }));
    }
}
