using Workbench.Config;
using Workbench.Loop;
using Workbench.Oracle;
using Workbench.Reports;
using Workbench.Runs;

namespace Workbench.Tests.Loop;

/// <summary>One round as a pipeline of returned values: each step takes what the previous one returned.</summary>
public class RoundPipelineTests
{
    // Round 0 through the pipeline: the initial labels, trained, evaluated, completed.
    private static RoundResult RoundZero(Experiment experiment) =>
        experiment.CompleteRound(experiment.Evaluate(experiment.Train(experiment.Initialize())));

    [Fact]
    public void TheRoundRecordIsBuiltFromTheValuesTheStepsReturned()
    {
        using var data = SyntheticProblem.Create(trainCount: 200, testCount: 60, seed: 3);
        using var experiment = new Experiment(
            SyntheticProblem.Config("ssl+al", rounds: 1) with { PseudoLabelThreshold = 0.8, MaxSteps = 30, PoolPerRound = 120 }, data);
        var start = experiment.Initialize();
        Assert.Equal(start.Added.Count, experiment.Labelled.Count);
        var round0 = experiment.CompleteRound(experiment.Evaluate(experiment.Train(start)));

        var predicted = experiment.PredictPool();
        var selection = experiment.Select(predicted);
        var labels = experiment.Label(selection);
        var trained = experiment.Train(labels);
        var evaluated = experiment.Evaluate(trained);
        var result = experiment.CompleteRound(evaluated);

        Assert.Equal(0, round0.Round);
        Assert.Equal(1, result.Round);
        Assert.False(labels.IsPending);
        Assert.Equal(new PoolSummary(predicted.PoolSize, predicted.Ids.Count), result.Pool);
        Assert.Equal(labels.Added.Count(a => a.Provenance == Provenance.PseudoLabel), result.Labelled.Added.TotalOf(Provenance.PseudoLabel));
        Assert.Equal(labels.Added.Count(a => a.Provenance == Provenance.ActiveLearning), result.Labelled.Added.TotalOf(Provenance.ActiveLearning));
        Assert.Equal(selection.PseudoLabels.Count + selection.Queries.Count, labels.Added.Count);
        Assert.Equal(trained.Set.Count, result.Training.Size);
        Assert.Equal(trained.ClassWeights, result.Training.ClassWeights);
        Assert.Equal(trained.Fit.Steps, result.Training.Steps);
        Assert.Equal(trained.Fit.Epochs[^1].Loss, result.Training.FinalLoss);
        Assert.Same(evaluated.Test, result.Test);
        Assert.Equal(selection.Duration.TotalSeconds, result.Seconds.Select);
        Assert.Equal(predicted.Duration.TotalSeconds, result.Seconds.Predict);
    }

    [Fact]
    public void StepsCalledOneByOneGiveTheSameRoundsAsRun()
    {
        using var data = SyntheticProblem.Create(trainCount: 160, testCount: 40, seed: 9);
        var config = SyntheticProblem.Config("cst+al", rounds: 2) with { PseudoLabelThreshold = 0.7, CstRejectRate = 0.2, MaxSteps = 20 };
        using var whole = new Experiment(config, data);
        var expected = whole.Run();

        using var stepwise = new Experiment(config, data);
        var results = new List<RoundResult> { RoundZero(stepwise) };
        while (!stepwise.IsFinished)
            results.Add(stepwise.CompleteRound(stepwise.Evaluate(stepwise.Train(stepwise.Label(stepwise.Select(stepwise.PredictPool()))))));

        Assert.Equal(expected.Count, results.Count);
        for (int r = 0; r < results.Count; r++)
        {
            Assert.Equal(expected[r].Accuracy, results[r].Accuracy);
            Assert.Equal(expected[r].Training.FinalLoss, results[r].Training.FinalLoss);
            Assert.Equal(expected[r].Labelled.Counts.ByClass, results[r].Labelled.Counts.ByClass);
            Assert.Equal(expected[r].Labelled.CstCorrected, results[r].Labelled.CstCorrected);
            Assert.Equal(expected[r].Labelled.Rejected, results[r].Labelled.Rejected);
        }
    }

    [Fact]
    public void ValuesOfAnotherRoundOrAStepDoneTwiceAreRefused()
    {
        using var data = SyntheticProblem.Create(trainCount: 120, testCount: 40, seed: 5);
        using var experiment = new Experiment(SyntheticProblem.Config("al", rounds: 2) with { MaxSteps = 10 }, data);
        var start = experiment.Initialize();
        var round0 = experiment.Evaluate(experiment.Train(start));
        experiment.CompleteRound(round0);

        Assert.Throws<ArgumentException>(() => experiment.Train(start));
        Assert.Throws<ArgumentException>(() => experiment.CompleteRound(round0));
        var selection = experiment.Select(experiment.PredictPool());
        experiment.Label(selection);
        Assert.Throws<InvalidOperationException>(() => experiment.Label(selection));
        Assert.Throws<InvalidOperationException>(() => experiment.CompleteRound());
    }

    [Fact]
    public void APersonsLabelStepReturnsPendingAndTheRoundCompletesOnceTheyAnswered()
    {
        using var temp = new TempFolder();
        using var problem = SyntheticProblem.Create(trainCount: 160, testCount: 40, seed: 4);
        var config = SyntheticProblem.Config("al", rounds: 1) with { Oracle = OracleKind.Human, Budget = 5, MaxSteps = 10, PoolPerRound = 80 };
        var folder = temp.Sub("run");
        using var experiment = new Experiment(config, problem, RunStore.Open(folder, config), oracle: new HumanOracle(folder));
        RoundZero(experiment);
        var selection = experiment.Select(experiment.PredictPool());

        var pending = experiment.Label(selection);
        Assert.True(pending.IsPending);
        Assert.Empty(pending.Added);
        Assert.True(experiment.IsAwaitingLabels);
        Assert.Equal(selection.Queries.Ids.Order(), pending.Pending!.Items.Select(i => i.SampleId).Order());
        Assert.Throws<InvalidOperationException>(() => experiment.Train(pending));

        using (var session = LabelSession.Open(HumanOracle.QueueFolder(folder, 1)))
            foreach (var item in pending.Pending.Items)
                session.Answer(item.QueueId, new QueueAnswer(AnswerKind.Label, problem.Labels[item.SampleId]));

        var labels = experiment.Label(selection);
        Assert.False(labels.IsPending);
        Assert.False(experiment.IsAwaitingLabels);
        Assert.Equal(5, labels.Added.Count);
        Assert.All(labels.Added, a => Assert.Equal(problem.Labels[a.Id], a.Label));
        var result = experiment.CompleteRound(experiment.Evaluate(experiment.Train(labels)));
        Assert.Equal(5, result.Person!.Queries);
        Assert.Equal(5, result.Labelled.Added.TotalOf(Provenance.ActiveLearning));
    }

    [Fact]
    public void AConfigBuiltInvalidIsRefusedWhereItIsBuilt()
    {
        var valid = SyntheticProblem.Config("ssl");
        var fromOverrides = Assert.Throws<ArgumentException>(() => new ConfigOverrides { Rounds = 2 }.Apply(valid with { PseudoLabelThreshold = 1.5 }));
        Assert.Equal("pseudoLabelThreshold", fromOverrides.ParamName);
        var fromJson = Assert.Throws<ArgumentException>(() => ExperimentConfigJson.FromJson((valid with { Budget = -1 }).ToJson()));
        Assert.Equal("budget", fromJson.ParamName);
        Assert.Throws<ArgumentException>(() => Presets.Create("poster", "no-such-recipe"));
        Assert.Same(valid, valid.Validate());

        // A config made by hand (an object initialiser cannot check itself) is refused before anything runs.
        using var data = SyntheticProblem.Create(trainCount: 20, testCount: 8);
        var byHand = Assert.Throws<ArgumentException>(() => new Experiment(valid with { Rounds = -1 }, data));
        Assert.Equal("rounds", byHand.ParamName);
    }
}
