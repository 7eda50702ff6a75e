using Workbench.Engine;
using Workbench.Loop;
using Workbench.Runs;
using Workbench.Tests.Engine;
using Workbench.Tests.Loop;
using Workbench.Tests.Scoring;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class BaldSelectionTests
{
    /// <summary>Candidates × passes of probability rows as the engine lays them out.</summary>
    private static SampledPredictions Sampled(params float[][][] candidates) =>
        new([.. candidates.SelectMany(passes => passes.SelectMany(p => p))], candidates.Length, candidates[0].Length, candidates[0][0].Length);

    private static SelectionContext Context(SampledPredictions sampled, IReadOnlyList<int> ids)
    {
        // The single-pass predictions are the passes' mean, as a deterministic forward would roughly give.
        var mean = Enumerable.Range(0, sampled.Count).Select(i => Enumerable.Range(0, sampled.NumClasses)
            .Select(c => Enumerable.Range(0, sampled.Samples).Average(t => sampled.Row(i, t)[c])).ToArray()).ToArray();
        return new SelectionContext(TestPredictions.Of(mean), ids, seed: 0, sampleWithDropout: samples =>
            samples == sampled.Samples ? sampled : throw new InvalidOperationException($"asked {samples} passes"));
    }

    [Fact]
    public void PassesThatContradictEachOtherOutrankPassesThatAgreeOnBeingUnsure()
    {
        // Candidate 20: every pass says 50/50 (the largest entropy and smallest margin, but no disagreement: I = 0).
        // Candidate 21: passes confidently contradict each other (I = log 2). Candidate 22: confident and agreeing.
        var sampled = Sampled(
            [[0.5f, 0.5f], [0.5f, 0.5f]],
            [[0.99f, 0.01f], [0.01f, 0.99f]],
            [[0.99f, 0.01f], [0.99f, 0.01f]]);
        var scores = BaldSelection.MutualInformation(sampled);
        Assert.Equal(0, scores[0], 6);
        Assert.Equal(0, scores[2], 6);
        double h = -(0.99 * Math.Log(0.99) + 0.01 * Math.Log(0.01));
        Assert.Equal(Math.Log(2) - h, scores[1], 5);

        var selection = new BaldSelection(budget: 1, samples: 2).Select(Context(sampled, [20, 21, 22]));
        Assert.Equal([21], selection.Ids);
        // Margin on the mean prediction would have picked 20 (mean 50/50 for both 20 and 21, 20 first): BALD differs.
        Assert.Equal([20], new TopKUncertaintySelection(new Workbench.Scoring.MarginScorer(), 1).Select(Context(sampled, [20, 21, 22])).Ids);
    }

    [Fact]
    public void TheBudgetTakesTheLargestScoresInOrderAndBadArgumentsAreRefused()
    {
        var sampled = Sampled(
            [[0.9f, 0.1f], [0.6f, 0.4f]],
            [[0.99f, 0.01f], [0.01f, 0.99f]],
            [[0.7f, 0.3f], [0.3f, 0.7f]],
            [[0.5f, 0.5f], [0.5f, 0.5f]]);
        var selection = new BaldSelection(budget: 2, samples: 2).Select(Context(sampled, [1, 2, 3, 4]));
        Assert.Equal([2, 3], selection.Ids);
        Assert.True(selection.Scores[0] > selection.Scores[1]);
        Assert.Empty(new BaldSelection(5, 2).Select(new SelectionContext(new Predictions([], null, 0, 2, 0), [], 0)).Ids);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BaldSelection(budget: 1, samples: 1));
        var noModel = Assert.Throws<InvalidOperationException>(() => new BaldSelection(1, 2).Select(TestPredictions.Of([0.5f, 0.5f]), [7], 0));
        Assert.Contains("no model to sample with dropout", noModel.Message);
    }

    [Fact]
    public void TheEngineSamplesDropoutMasksThatDifferBetweenPassesAndRepeatForASeed()
    {
        var (pixels, _) = SyntheticImages.Make(12, 32, 4, seed: 3);
        using var images = ImageSet.FromBytes(pixels, 32);
        using var model = Model.Create(Architecture.Cnn4Dropout, 4, seed: 5);
        Assert.Equal(0.5, model.HeadDropout, 6);
        var ids = Enumerable.Range(0, 12).ToArray();
        var a = model.PredictWithDropout(images, ids, samples: 8, seed: 1, batchSize: 5);
        var b = model.PredictWithDropout(images, ids, samples: 8, seed: 1, batchSize: 5);
        var c = model.PredictWithDropout(images, ids, samples: 8, seed: 2, batchSize: 5);
        Assert.Equal(a.Probabilities, b.Probabilities);
        Assert.NotEqual(a.Probabilities, c.Probabilities);
        for (int i = 0; i < 12; i++)
        {
            // Passes of one image differ (a mask is drawn per pass), and each is a distribution.
            Assert.False(a.Row(i, 0).SequenceEqual(a.Row(i, 1)), $"image {i}: passes 0 and 1 are identical");
            for (int t = 0; t < 8; t++) Assert.Equal(1.0, a.Row(i, t).ToArray().Sum(), 4);
        }
        // Dropout only perturbs the head: averaged over many passes the prediction is near the deterministic one.
        var many = model.PredictWithDropout(images, ids, samples: 400, seed: 3);
        var plain = model.Predict(images, ids, embeddings: false);
        for (int i = 0; i < 12; i++)
            for (int k = 0; k < 4; k++)
                Assert.InRange(Enumerable.Range(0, 400).Average(t => many.Row(i, t)[k]) - plain.Probabilities[i * 4 + k], -0.05, 0.05);
    }

    [Fact]
    public void AModelWithoutDropoutIsRefusedByTheEngineAndAConfigPairingThemIsRefused()
    {
        var (pixels, _) = SyntheticImages.Make(4, 32, 4, seed: 3);
        using var images = ImageSet.FromBytes(pixels, 32);
        using var model = Model.Create(Architecture.Cnn4, 4, seed: 5);
        Assert.Equal(0, model.HeadDropout);
        var e = Assert.Throws<EngineException>(() => model.PredictWithDropout(images, [0, 1], samples: 4, seed: 1));
        Assert.Contains("needs a model with dropout", e.Message);

        var config = SyntheticProblem.Config("al") with { ActiveLearning = "bald", Architecture = "smallcnn" };
        var problem = Assert.Single(config.Problems(), p => p.Field == "activeLearning");
        Assert.Contains("cnn4-dropout", problem.Message);
        Assert.DoesNotContain((config with { Architecture = "cnn4-dropout" }).Problems(), p => p.Field == "activeLearning");
        Assert.DoesNotContain((config with { Recipe = "ssl" }).Problems(), p => p.Field == "activeLearning");
        Assert.True(SelectionStrategies.Create("bald", new StrategySettings(Balanced: true)).SamplesDropout);
    }

    [Fact]
    public void AnExperimentRoundWithBaldSamplesTheModelAndAsksTheOracleForItsBudget()
    {
        using var data = SyntheticProblem.Create(trainCount: 60, testCount: 20, seed: 11);
        using var folder = new TempFolder();
        var config = SyntheticProblem.Config("al", rounds: 1) with
        {
            MaxSteps = 5, ActiveLearning = "bald", Budget = 5, Architecture = "cnn4-dropout",
        };
        using var experiment = new Experiment(config, data, RunStore.Open(folder.Path, config));
        var results = experiment.Run();
        Assert.Equal(2, results.Count);
        var asked = experiment.Labelled.Samples.Where(s => s.Provenance == Provenance.ActiveLearning).Select(s => s.Id).ToArray();
        Assert.Equal(5, asked.Length);
        Assert.Equal(asked.Order(), experiment.Store!.ReadAdded(1).Select(a => a.Id).Order());
    }
}
