using Workbench.Engine;

namespace Workbench.Tests.Engine;

public class EngineTrainingTests
{
    private static readonly FitOptions Quick = new()
    {
        Epochs = 6, BatchSize = 16, Sgd = new SgdOptions(0.05, 0.9, 0), Augmentation = Augmentation.None, Seed = 1,
    };

    [Fact]
    public void SmallCnnLearnsASeparableProblem()
    {
        var (pixels, labels) = SyntheticImages.Make(240, 16, 4, seed: 3);
        using var images = ImageSet.FromBytes(pixels, 16);
        using var model = Model.Create(Architecture.SmallCnn, 4, seed: 7);
        var train = Enumerable.Range(0, 160).ToArray();
        var test = Enumerable.Range(160, 80).ToArray();

        double before = Accuracy(model.Predict(images, test), test.Select(i => labels[i]).ToArray());
        var fit = TrainingLoop.Fit(model, images, train, train.Select(i => labels[i]).ToArray(), null, Quick);
        double after = Accuracy(model.Predict(images, test), test.Select(i => labels[i]).ToArray());

        Assert.True(after >= 0.95, $"test accuracy after training {after:P1} (before {before:P1})");
        Assert.True(fit.Epochs[^1].Loss < fit.Epochs[0].Loss, "loss did not fall");
        Assert.Equal(6 * 10, fit.Steps);
    }

    [Fact]
    public void SeededRunsRepeatExactlyWithAugmentation()
    {
        var (pixels, labels) = SyntheticImages.Make(64, 16, 4, seed: 5);
        using var images = ImageSet.FromBytes(pixels, 16);
        var ids = Enumerable.Range(0, 64).ToArray();
        var options = Quick with { Epochs = 2, Augmentation = Augmentation.All, Seed = 42 };

        double[] Run(long seed)
        {
            using var model = Model.Create(Architecture.SmallCnn, 4, seed);
            TrainingLoop.Fit(model, images, ids, labels, [1f, 2f, 1f, 0.5f], options);
            return [model.Checksum(), .. model.Predict(images, ids).Probabilities.Take(20).Select(p => (double)p)];
        }

        var first = Run(11);
        Assert.Equal(first, Run(11));
        Assert.NotEqual(first, Run(12));
    }

    [Fact]
    public void StepBudgetCutsTraining()
    {
        var (pixels, labels) = SyntheticImages.Make(64, 16, 4, seed: 5);
        using var images = ImageSet.FromBytes(pixels, 16);
        using var model = Model.Create(Architecture.SmallCnn, 4, 1);
        var fit = TrainingLoop.Fit(model, images, Enumerable.Range(0, 64).ToArray(), labels, null,
            Quick with { Epochs = 10, MaxSteps = 7 });
        Assert.Equal(7, fit.Steps);
        Assert.Equal(2, fit.Epochs.Count);
    }

    [Fact]
    public void LoneLastSampleJoinsThePreviousBatch()
    {
        Assert.Equal([(0, 16), (16, 17)], TrainingLoop.BatchBounds(33, 16));
        Assert.Equal([(0, 16), (16, 16)], TrainingLoop.BatchBounds(32, 16));
    }

    [Theory]
    [InlineData(Architecture.ResNet18, 512)]
    [InlineData(Architecture.SeNet8, 256)]
    [InlineData(Architecture.SmallCnn, 128)]
    [InlineData(Architecture.Cnn4, 256)]
    public void EveryArchitecturePredictsProbabilitiesAndEmbeddings(Architecture architecture, int embeddingDim)
    {
        var (pixels, _) = SyntheticImages.Make(6, 32, 3, seed: 1);
        using var images = ImageSet.FromBytes(pixels, 32);
        using var model = Model.Create(architecture, 3, seed: 0);
        var predictions = model.Predict(images, [0, 1, 2, 5], batchSize: 3);
        Assert.Equal(embeddingDim, model.EmbeddingDim);
        Assert.Equal(4 * 3, predictions.Probabilities.Length);
        Assert.Equal(4 * embeddingDim, predictions.Embeddings!.Length);
        for (int i = 0; i < 4; i++) Assert.Equal(1.0, predictions.Probabilities.Skip(i * 3).Take(3).Sum(), 4);
    }

    [Fact]
    public void ThreadCountIsControllable()
    {
        Runtime.EnsureConfigured();
        int original = Runtime.Threads;
        try
        {
            Runtime.Threads = 1;
            Assert.Equal(1, Runtime.Threads);
            Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Threads = 0);
        }
        finally { Runtime.Threads = original; }
        Assert.Equal(Environment.ProcessorCount, original);
    }

    private static double Accuracy(Workbench.Engine.Predictions predictions, int[] truth) =>
        Enumerable.Range(0, truth.Length).Count(i => predictions.ArgMax(i) == truth[i]) / (double)truth.Length;
}
