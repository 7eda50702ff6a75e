using System.Diagnostics;
using Workbench.Engine;

namespace Workbench.Bench;

/// <summary>ResNet-18 images/s through the Workbench engine, with PyTorch's exact protocol (bench/pytorch_resnet18.py).</summary>
internal static class EngineThroughput
{
    public sealed record Result(int Size, double TrainImagesPerSecond, double InferImagesPerSecond, double InferEagerImagesPerSecond,
        double TrainAugmentedImagesPerSecond);

    public static Result Measure(int size, int trainSteps, int inferBatches, Precision precision)
    {
        const int count = 1024, batch = 64, inferBatch = 256, classes = 4;
        var (images, labels) = RandomImages.Create(count, size, classes);
        using var imagesOwner = images;
        using var model = Model.Create(Architecture.ResNet18, classes, 0);
        model.Precision = precision;
        using var trainer = new SgdStepper(model, new SgdOptions(0.01, 0.9, 5e-4), 0);
        float[] weights = [1f, 1f, 1f, 1f];

        double Train(int steps, Augmentation augmentation)
        {
            var ids = new long[batch];
            var batchLabels = new long[batch];
            void Step(int s)
            {
                for (int i = 0; i < batch; i++) { ids[i] = (s * batch + i) % count; batchLabels[i] = labels[ids[i]]; }
                trainer.Step(images, ids, batchLabels, weights, augmentation);
            }
            for (int s = 0; s < 3; s++) Step(s);
            var clock = Stopwatch.StartNew();
            for (int s = 0; s < steps; s++) Step(s);
            return steps * batch / clock.Elapsed.TotalSeconds;
        }

        double train = Train(trainSteps, Augmentation.None);
        double augmented = Train(Math.Max(2, trainSteps / 2), Augmentation.All);
        int[] Batch(int b) => Enumerable.Range(b * inferBatch, inferBatch).Select(i => i % count).ToArray();
        double Infer()
        {
            model.Predict(images, Batch(0), inferBatch, embeddings: false);
            var clock = Stopwatch.StartNew();
            for (int b = 0; b < inferBatches; b++) model.Predict(images, Batch(b), inferBatch, embeddings: false);
            return inferBatches * inferBatch / clock.Elapsed.TotalSeconds;
        }
        double infer = Infer();
        // The same model without the folded inference copy: what folding gains.
        model.FoldedInference = false;
        double eager = Infer();
        return new Result(size, train, infer, eager, augmented);
    }
}
