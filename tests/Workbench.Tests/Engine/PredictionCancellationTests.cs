// Model.Predict in chunks of whole batches, so that a notebook interrupt stops a long prediction: the chunks must not
// change a single probability, and a cancelled token must stop it.
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Engine;

public sealed class PredictionCancellationTests
{
    [Fact]
    public void Predictions_over_many_chunks_equal_the_predictions_one_image_at_a_time()
    {
        var random = new Random(7);
        var pixels = new byte[40 * 16 * 16 * 3];
        random.NextBytes(pixels);
        using var images = ImageSet.FromBytes(pixels, 16);
        using var model = Model.Create(Architecture.SmallCnn, 4, 3);
        // batch 3: 4 batches per chunk = 12 images, so 37 ids take 4 native calls, the last one partial.
        var ids = Enumerable.Range(0, 37).Select(i => (i * 7) % 40).ToArray();

        var all = model.Predict(images, ids, batchSize: 3);

        Assert.Equal(37, all.Count);
        for (int row = 0; row < ids.Length; row++)
        {
            var alone = model.Predict(images, [ids[row]], batchSize: 1);
            for (int c = 0; c < 4; c++) Assert.Equal(alone.Row(0)[c], all.Row(row)[c], 5);
            Assert.Equal(alone.Embedding(0).ToArray(), all.Embedding(row).ToArray(), (a, b) => Math.Abs(a - b) < 1e-4);
        }
    }

    [Fact]
    public void A_cancelled_token_stops_prediction_and_the_experiment_calls_that_predict()
    {
        using var data = SyntheticProblem.Create(trainCount: 120, testCount: 40, seed: 3);
        using var experiment = new Experiment(SyntheticProblem.Config("ssl+al", rounds: 1) with { MaxSteps = 5 }, data);
        experiment.Initialize();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => experiment.Model.Predict(data.Images, data.TestIds, cancel: cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => experiment.Train(cancelled.Token));
        experiment.Train();
        Assert.Throws<OperationCanceledException>(() => experiment.Evaluate(cancelled.Token));
        experiment.Evaluate();
        experiment.CompleteRound();
        Assert.Throws<OperationCanceledException>(() => experiment.PredictPool(cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => Workbench.Reports.SamplePredictions.Of(experiment.Model, data, cancel: cancelled.Token));
        // Nothing was left half done: the round goes on with a live token.
        Assert.NotEmpty(experiment.PredictPool().Ids);
    }
}
