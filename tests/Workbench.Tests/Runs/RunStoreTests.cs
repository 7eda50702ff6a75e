using Workbench.Tests.Loop;
using Workbench.Loop;
using Workbench.Config;
using Workbench.Runs;

namespace Workbench.Tests.Runs;

public class RunStoreTests
{
    private sealed class SimulatedCrash : Exception;

    public static TheoryData<string, RetrainMode> ResumeCases => new()
    {
        { "ssl+al", RetrainMode.FromInitial },
        { "cst+al", RetrainMode.FineTune },
    };

    [Theory]
    [MemberData(nameof(ResumeCases))]
    public void AResumedRunEndsExactlyLikeAnUninterruptedOne(string strategy, RetrainMode retrain)
    {
        using var data = SyntheticProblem.Create(trainCount: 240, testCount: 80, seed: 9);
        using var folder = new TempFolder();
        var config = SyntheticProblem.Config(strategy, rounds: 3) with
        {
            Retrain = retrain, FineTuneLearningRate = 0.02, PoolPerRound = 150, CstRejectRate = 0.1, MaxSteps = 30,
            StopSetSize = 50,  // a draw from the 232 unlabelled images, so a resume must draw it alike
        };

        using var uninterrupted = new Experiment(config, data, RunStore.Open(folder.Sub("whole"), config));
        var expected = uninterrupted.Run();

        // Crash in the middle of round 2's training: rounds 0 and 1 are committed, round 2 is half done.
        var crashing = new SynchronousProgress<ExperimentProgress>(p =>
        {
            if (p.Phase == ExperimentPhase.Train && p.Round == 2 && p.Epoch is not null) throw new SimulatedCrash();
        });
        using (var first = new Experiment(config, data, RunStore.Open(folder.Sub("crashed"), config), crashing))
            Assert.Throws<SimulatedCrash>(() => first.Run());
        var store = RunStore.Open(folder.Sub("crashed"), config);
        Assert.Equal(1, store.ReadState()!.LastRound);

        var trainedRounds = new List<int>();
        var watching = new SynchronousProgress<ExperimentProgress>(p =>
        {
            if (p.Phase == ExperimentPhase.Train && p.Epoch is null) trainedRounds.Add(p.Round);
        });
        using var resumed = new Experiment(config, data, store, watching);
        var actual = resumed.Run();

        Assert.Equal([2, 3], trainedRounds); // nothing repeated
        Assert.Equal(expected.Count, actual.Count);
        // The resumed run draws the same stop set, so round 2 compares with round 1's stored predictions as the uninterrupted run did.
        Assert.Equal(uninterrupted.StopSet.Ids, resumed.StopSet.Ids);
        Assert.All(actual.Skip(1), r => Assert.NotNull(r.StopSetKappa));
        for (int r = 0; r < expected.Count; r++) AssertSameOutcome(expected[r], actual[r]);
        Assert.Equal(uninterrupted.Labelled.Samples, resumed.Labelled.Samples);
        Assert.Equal(uninterrupted.Labelled.Rejected, resumed.Labelled.Rejected);
        Assert.Equal(uninterrupted.Model.Checksum(), resumed.Model.Checksum());
        Assert.Equal(File.ReadAllText(Path.Combine(folder.Sub("whole"), "added", "2.csv")),
            File.ReadAllText(Path.Combine(folder.Sub("crashed"), "added", "2.csv")));
    }

    [Fact]
    public void AFinishedRunIsNotRunAgainAndCanBeExtended()
    {
        using var data = SyntheticProblem.Create(trainCount: 120, testCount: 40, seed: 10);
        using var folder = new TempFolder();
        var config = SyntheticProblem.Config("al", rounds: 1) with { MaxSteps = 10 };
        using (var first = new Experiment(config, data, RunStore.Open(folder.Path, config)))
            first.Run();

        var phases = new List<ExperimentPhase>();
        var record = new SynchronousProgress<ExperimentProgress>(p => phases.Add(p.Phase));
        using (var again = new Experiment(config, data, RunStore.Open(folder.Path, config), record))
        {
            var results = again.Run();
            Assert.Equal(2, results.Count);
            Assert.DoesNotContain(ExperimentPhase.Train, phases);
            Assert.True(again.IsFinished);
        }

        var longer = config with { Rounds = 2 };
        using var extended = new Experiment(longer, data, RunStore.Open(folder.Path, longer));
        Assert.Equal(3, extended.Run().Count);
        var store = RunStore.OpenExisting(folder.Path);
        Assert.Equal(2, store.Config.Rounds);
        Assert.Equal(3, store.ReadRounds().Count);
        // Checkpoints: the initial weights, round 0 and the latest round only.
        Assert.Equal(["initial.pt", "round-0.pt", "round-2.pt"],
            Directory.GetFiles(Path.Combine(folder.Path, "checkpoints")).Select(Path.GetFileName).Order());
        Assert.Equal(24, store.ReadAdded(2).Count);
        Assert.Equal(8, store.ReadAdded(0).Count(a => a.Provenance == Provenance.Initial));
        Assert.All(store.ReadAdded(2), a => Assert.Equal(Provenance.ActiveLearning, a.Provenance));
    }

    [Fact]
    public void AChangedConfigIsRefusedBeforeAnyWorkNamingTheFields()
    {
        using var data = SyntheticProblem.Create(trainCount: 60, testCount: 20, seed: 11);
        using var folder = new TempFolder();
        var config = SyntheticProblem.Config("ssl+al", rounds: 1) with { MaxSteps = 5 };
        using (var first = new Experiment(config, data, RunStore.Open(folder.Path, config)))
            first.Run();
        string configPath = Path.Combine(folder.Path, "config.json");
        string storedConfig = File.ReadAllText(configPath);
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(folder.Path, "labelled.json"));

        var changed = config with { Budget = 10, PseudoLabelThreshold = 0.5 };
        var error = Assert.Throws<ConfigMismatchException>(() => RunStore.Open(folder.Path, changed));
        Assert.Equal("pseudoLabelThreshold", error.ParamName);
        Assert.Equal(["pseudoLabelThreshold", "budget"], error.Differences.Select(d => d.Field));
        Assert.Contains("budget (stored 24, requested 10)", error.Message);
        Assert.Equal(storedConfig, File.ReadAllText(configPath));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(folder.Path, "labelled.json")));

        var store = RunStore.Open(folder.Path, config);
        var viaExperiment = Assert.Throws<ConfigMismatchException>(() => new Experiment(changed, data, store));
        Assert.Equal("pseudoLabelThreshold", viaExperiment.ParamName);
    }

    [Fact]
    public void AnEmptyPoolStopIsStoredAndRespectedOnReopen()
    {
        using var data = SyntheticProblem.Create(trainCount: 24, testCount: 16, seed: 12);
        using var folder = new TempFolder();
        var config = SyntheticProblem.Config("al", rounds: 5) with { ActiveLearning = "random", Budget = 16, MaxSteps = 5 };
        using (var first = new Experiment(config, data, RunStore.Open(folder.Path, config)))
            Assert.Equal(2, first.Run().Count);
        var state = RunStore.OpenExisting(folder.Path).ReadState()!;
        Assert.Contains("pool is empty", state.StopReason);
        using var again = new Experiment(config, data, RunStore.Open(folder.Path, config));
        Assert.Equal(2, again.Run().Count);
        Assert.Contains("pool is empty", again.StopReason);
    }

    [Fact]
    public void AddedSamplesCsvRoundTrips()
    {
        AddedSample[] samples =
        [
            new(3, 1, Provenance.PseudoLabel, 2, 0.987654321, 1),
            new(9, 0, Provenance.ActiveLearning, 0, 0.01, null),
            new(4, 2, Provenance.CstCorrected, 2, 0.995, 1),
            new(5, 0, Provenance.Initial, 0, double.NaN, null),
        ];
        string text = AddedSamplesCsv.Format(samples);
        Assert.StartsWith(AddedSamplesCsv.Header + "\n3,1,pseudo-label,2,", text);
        Assert.Equal(samples, AddedSamplesCsv.Parse(text));
        Assert.Throws<FormatException>(() => AddedSamplesCsv.Parse(AddedSamplesCsv.Header + "\n1,2,magic,3,0.5,"));
    }

    private static void AssertSameOutcome(RoundResult expected, RoundResult actual)
    {
        Assert.Equal(expected.Round, actual.Round);
        Assert.Equal(expected.Accuracy, actual.Accuracy);
        Assert.Equal(expected.MacroF1, actual.MacroF1);
        Assert.Equal(expected.Test.PerClass, actual.Test.PerClass);
        Assert.Equal(expected.Test.Confusion, actual.Test.Confusion);
        Assert.Equal(expected.Labelled.Counts.ByClass, actual.Labelled.Counts.ByClass);
        foreach (var provenance in Enum.GetValues<Provenance>())
            Assert.Equal(expected.Labelled.Added.For(provenance), actual.Labelled.Added.For(provenance));
        Assert.Equal(expected.Labelled.PseudoLabelPrecision, actual.Labelled.PseudoLabelPrecision);
        Assert.Equal((expected.Labelled.CstConfirmed, expected.Labelled.CstCorrected, expected.Labelled.Rejected),
            (actual.Labelled.CstConfirmed, actual.Labelled.CstCorrected, actual.Labelled.Rejected));
        Assert.Equal(expected.Training.Steps, actual.Training.Steps);
        Assert.Equal(expected.Training.FinalLoss, actual.Training.FinalLoss);
        Assert.Equal(expected.Training.ClassWeights, actual.Training.ClassWeights);
        Assert.Equal(expected.StopSetPredicted, actual.StopSetPredicted);
        Assert.Equal(expected.StopSetKappa, actual.StopSetKappa);
    }
}
