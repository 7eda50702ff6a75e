using System.Diagnostics;
using Workbench.Engine;

namespace Workbench.Bench;

/// <summary>
/// The engine's share of one active-learning round, timed end to end: score a whole unlabelled pool
/// (probabilities and embeddings, what selection reads), then train one epoch with augmentation from the
/// resident image set. bench/pytorch_resnet18.py --round does the same in PyTorch's best layout.
/// </summary>
internal static class RoundThroughput
{
    public static (double ScoreSeconds, double EpochSeconds) Measure(int size, int pool, int epochImages)
    {
        const int batch = 64, classes = 4;
        var (images, labels) = RandomImages.Create(pool, size, classes);
        using var imagesOwner = images;
        using var model = Model.Create(Architecture.ResNet18, classes, 0);
        using var trainer = new SgdStepper(model, new SgdOptions(0.01, 0.9, 5e-4), 0);
        float[] weights = [1f, 2f, 1f, 0.5f];

        // Cold, as in a round: the first prediction after training folds the weights again.
        var clock = Stopwatch.StartNew();
        var predictions = model.Predict(images, Enumerable.Range(0, pool).ToArray(), batchSize: 256, embeddings: true);
        double score = clock.Elapsed.TotalSeconds;
        if (predictions.Count != pool) throw new InvalidOperationException("scored the wrong number of images");

        var random = new Random(1);
        var order = Enumerable.Range(0, pool).Select(i => (long)i).OrderBy(_ => random.Next()).Take(epochImages).ToArray();
        var batchLabels = new long[batch];
        clock.Restart();
        for (int start = 0; start + batch <= epochImages; start += batch)
        {
            var ids = order.AsSpan(start, batch);
            for (int i = 0; i < batch; i++) batchLabels[i] = labels[ids[i]];
            trainer.Step(images, ids, batchLabels, weights, Augmentation.All);
        }
        return (score, clock.Elapsed.TotalSeconds);
    }
}
