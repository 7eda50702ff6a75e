using System.Diagnostics;
using Workbench.Config;
using Workbench.Engine;

namespace Workbench.Bench;

/// <summary>
/// What a quick poster reproduction spends its time on, per image, in the configuration its workers run (one libtorch
/// thread each): the classifier step of the quick recipe (cnn4, 32 px, batch 32, quarter turns + flips) and the SimCLR
/// pretraining step (batch 128, two views each, one forward pass over both). bench/pytorch_cnn4.py is the PyTorch twin.
/// </summary>
internal static class QuickStepThroughput
{
    public sealed record Result(double TrainImagesPerSecond, double PretrainImagesPerSecond);

    public const int PretrainBatch = 128;

    private static Model WithPrecision(Model model, Precision precision)
    {
        model.Precision = precision;
        return model;
    }

    public static Result Measure(int trainSteps, int pretrainSteps, Precision precision)
    {
        const int count = 2048, classes = 4, size = Presets.QuickImageSize, batch = Presets.QuickBatchSize;
        var (images, labels) = RandomImages.Create(count, size, classes);
        using var imagesOwner = images;

        double train;
        using (var model = WithPrecision(Model.Create(Architecture.Cnn4, classes, 0), precision))
        using (var trainer = new SgdStepper(model, new SgdOptions(Presets.QuickLearningRate, 0.9, 5e-4), 0))
        {
            var ids = new long[batch];
            var batchLabels = new long[batch];
            void Step(int s)
            {
                for (int i = 0; i < batch; i++) { ids[i] = (s * batch + i) % count; batchLabels[i] = labels[ids[i]]; }
                trainer.Step(images, ids, batchLabels, [], Presets.QuickAugmentation);
            }
            for (int s = 0; s < 5; s++) Step(s);
            var clock = Stopwatch.StartNew();
            for (int s = 0; s < trainSteps; s++) Step(s);
            train = trainSteps * batch / clock.Elapsed.TotalSeconds;
        }

        double pretrain;
        using (var model = WithPrecision(Model.Create(Architecture.Cnn4, classes, 0), precision))
        using (var pretrainer = new ContrastiveStepper(model, new ContrastiveOptions(), new SgdOptions(0.1, 0.9, 1e-4), 0))
        {
            var ids = new long[PretrainBatch];
            void Step(int s)
            {
                for (int i = 0; i < PretrainBatch; i++) ids[i] = (s * PretrainBatch + i) % count;
                pretrainer.Step(images, ids);
            }
            for (int s = 0; s < 2; s++) Step(s);
            var clock = Stopwatch.StartNew();
            for (int s = 0; s < pretrainSteps; s++) Step(s);
            pretrain = pretrainSteps * PretrainBatch / clock.Elapsed.TotalSeconds;
        }
        return new Result(train, pretrain);
    }
}
