using Workbench.Engine;
using Workbench.Config;

namespace Workbench.Tests.Engine;

/// <summary>The quick recipe's parts (results/recipe.md): cosine schedule, cnn4, quarter turns, equal epochs per round.</summary>
public class RecipeTests
{
    private static readonly FitOptions Quick = new()
    {
        Epochs = 6, BatchSize = 16, Sgd = new SgdOptions(0.05, 0.9, 0), Augmentation = Augmentation.None, Seed = 1,
    };

    [Fact]
    public void CosineStartsAtTheBaseRateHalvesMidwayAndEndsNearZero()
    {
        double At(int step) => TrainingLoop.LearningRateAt(step, 100, 0, 0.02, LearningRateSchedule.Cosine);
        Assert.Equal(0.02, At(0), 12);
        Assert.Equal(0.01, At(50), 12);
        Assert.InRange(At(99), 1e-9, 0.02 * 0.001);
        Assert.True(At(25) > At(50) && At(50) > At(75), "cosine must fall monotonically");
        Assert.Equal(0.02, TrainingLoop.LearningRateAt(99, 100, 0, 0.02, LearningRateSchedule.Constant));
    }

    [Fact]
    public void WarmupRampsLinearlyThenTheScheduleStartsAtTheBaseRate()
    {
        double At(int step) => TrainingLoop.LearningRateAt(step, 100, 10, 0.02, LearningRateSchedule.Cosine);
        Assert.Equal(0.02 / 11, At(0), 12);
        Assert.Equal(0.02 * 10 / 11, At(9), 12);
        Assert.Equal(0.02, At(10), 12);
        Assert.Equal(0.01, At(55), 12);
    }

    [Fact]
    public void FitterAppliesTheCosineSchedulePerStep()
    {
        var (pixels, labels) = SyntheticImages.Make(64, 16, 4, seed: 5);
        using var images = ImageSet.FromBytes(pixels, 16);
        var ids = Enumerable.Range(0, 64).ToArray();
        (FitResult Fit, double Checksum) Train(LearningRateSchedule schedule)
        {
            using var model = Model.Create(Architecture.SmallCnn, 4, 1);
            var fit = TrainingLoop.Fit(model, images, ids, labels, null, Quick with { Epochs = 4, Schedule = schedule });
            return (fit, model.Checksum());
        }
        var (cosine, cosineWeights) = Train(LearningRateSchedule.Cosine);
        // 4 batches per epoch, 16 steps: the last step of epoch e is step 4e - 1.
        var expected = Enumerable.Range(1, 4).Select(e => TrainingLoop.LearningRateAt(4 * e - 1, 16, 0, 0.05, LearningRateSchedule.Cosine));
        Assert.Equal(expected, cosine.Epochs.Select(e => e.LearningRate));
        Assert.True(cosine.Epochs[^1].LearningRate < 0.05 * 0.02, $"last rate {cosine.Epochs[^1].LearningRate}");
        // The engine really trains at those rates: the same seeded fit at a constant rate ends elsewhere.
        Assert.NotEqual(Train(LearningRateSchedule.Constant).Checksum, cosineWeights);
    }

    [Fact]
    public void Cnn4HasFourBlocksAndA256WideEmbedding()
    {
        var (pixels, _) = SyntheticImages.Make(5, 32, 4, seed: 1);
        using var images = ImageSet.FromBytes(pixels, 32);
        using var model = Model.Create(Architecture.Cnn4, 4, seed: 0);
        var predictions = model.Predict(images, [0, 1, 2, 3, 4], batchSize: 2);
        Assert.Equal(256, model.EmbeddingDim);
        Assert.Equal(5 * 4, predictions.Probabilities.Length);
        Assert.Equal(5 * 256, predictions.Embeddings!.Length);
        // 4 convolutions (27*32 + 288*64 + 576*128 + 1152*256 weights), 4 batch norms (2 per channel), linear 256*4+4.
        Assert.Equal(864 + 18432 + 73728 + 294912 + 2 * (32 + 64 + 128 + 256) + 1028, model.ParameterCount);
        Assert.Equal(Architecture.Cnn4, ArchitectureNames.Parse("cnn4"));
        Assert.Equal("cnn4", Architecture.Cnn4.ToName());
    }

    [Fact]
    public void Cnn4LearnsASeparableProblem()
    {
        var (pixels, labels) = SyntheticImages.Make(240, 16, 4, seed: 3);
        using var images = ImageSet.FromBytes(pixels, 16);
        using var model = Model.Create(Architecture.Cnn4, 4, seed: 7);
        var train = Enumerable.Range(0, 160).ToArray();
        var test = Enumerable.Range(160, 80).ToArray();
        TrainingLoop.Fit(model, images, train, train.Select(i => labels[i]).ToArray(), null,
            Quick with { Schedule = LearningRateSchedule.Cosine });
        Assert.True(Accuracy(model, images, test, labels) >= 0.95, "cnn4 did not learn the quadrant problem");
    }

    [Fact]
    public void QuarterTurnsAreApplied()
    {
        // The class is the quadrant of a bright square, so quarter turns scramble it: a model trained under them cannot
        // reach the accuracy it reaches without them (if the flag were ignored, it would).
        var (pixels, labels) = SyntheticImages.Make(240, 16, 4, seed: 3);
        using var images = ImageSet.FromBytes(pixels, 16);
        var train = Enumerable.Range(0, 160).ToArray();
        var test = Enumerable.Range(160, 80).ToArray();
        using var model = Model.Create(Architecture.SmallCnn, 4, seed: 7);
        TrainingLoop.Fit(model, images, train, train.Select(i => labels[i]).ToArray(), null, Quick with { Augmentation = Augmentation.Rotate90 });
        Assert.True(Accuracy(model, images, test, labels) < 0.8, "quarter turns were not applied");
        Assert.Empty((new ExperimentConfig() with { Augmentation = Augmentation.Known }).Problems());
    }

    [Fact]
    public void EveryLargeRoundOfTheQuickProfileTrainsTheSameEpochs()
    {
        var config = Presets.Poster(Recipe.SslAl, PresetProfile.Quick);
        var round1 = config.FitOptions(1, 1);
        var round3 = config.FitOptions(3, 1);
        // SSL rounds hold a few hundred to several thousand images: each trains the same epochs, not a capped step count.
        foreach (var (count, options) in new[] { (600, round1), (2500, round1), (6000, round3) })
        {
            var plan = TrainingLoop.Plan(count, options);
            Assert.Equal(config.Epochs, plan.Epochs);
            Assert.Equal(config.Epochs * TrainingLoop.BatchBounds(count, config.BatchSize).Count, plan.TotalSteps);
        }
        // Round 0's 124 images (4 batches) reach the step floor with whole extra epochs.
        Assert.Equal((80, 320), TrainingLoop.Plan(124, config.FitOptions(0, 1)));
    }

    [Fact]
    public void StepFloorAddsWholeEpochsOnlyToSmallSets()
    {
        var options = Quick with { Epochs = 3, BatchSize = 10, MinSteps = 20 };
        Assert.Equal((7, 21), TrainingLoop.Plan(30, options));    // 3 batches: 3 epochs = 9 steps < 20, so 7 epochs
        Assert.Equal((3, 30), TrainingLoop.Plan(100, options));   // 10 batches: 3 epochs = 30 steps >= 20
        Assert.Equal((2, 15), TrainingLoop.Plan(100, options with { MaxSteps = 15 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => (options with { MinSteps = 0 }).Validate());
    }

    [Fact]
    public void FitterRunsEveryEpochOnALargerSet()
    {
        var (pixels, labels) = SyntheticImages.Make(96, 16, 4, seed: 5);
        using var images = ImageSet.FromBytes(pixels, 16);
        using var model = Model.Create(Architecture.SmallCnn, 4, 1);
        var options = Quick with { Epochs = 2, BatchSize = 8 };
        var small = TrainingLoop.Fit(model, images, Enumerable.Range(0, 16).ToArray(), labels[..16], null, options);
        var large = TrainingLoop.Fit(model, images, Enumerable.Range(0, 96).ToArray(), labels, null, options);
        Assert.Equal((2, 4), (small.Epochs.Count, small.Steps));
        Assert.Equal((2, 24), (large.Epochs.Count, large.Steps));
    }

    private static double Accuracy(Model model, ImageSet images, int[] ids, int[] labels)
    {
        var predictions = model.Predict(images, ids);
        return Enumerable.Range(0, ids.Length).Count(i => predictions.ArgMax(i) == labels[ids[i]]) / (double)ids.Length;
    }
}
