using Workbench.Engine;

namespace Workbench.Tests.Engine;

/// <summary>
/// FixMatch's step and fit: the threshold decides which unlabelled images teach (and in which direction), the weight scales
/// their loss, the pool is walked through without repeats within a pass, and the monitor counts what the mask let through.
/// </summary>
public class ConsistencyTrainingTests
{
    private static readonly ConsistencyOptions Fixed = new() { UnlabelledRatio = 2, Cutout = 0.3, Jitter = 0.2 };

    private static (ImageSet Images, int[] Labels) Problem(int count = 96)
    {
        var (pixels, labels) = SyntheticImages.Make(count, 16, 4, seed: 9);
        return (ImageSet.FromBytes(pixels, 16), labels);
    }

    private static (ConsistencyStepResult Step, long[] Pseudo, float[] Confidence) OneStep(ConsistencyOptions options, long seed = 5)
    {
        var (images, labels) = Problem();
        using (images)
        {
            using var model = Model.Create(Architecture.SmallCnn, 4, seed: 2);
            using var trainer = new SgdStepper(model, new SgdOptions(0.05, 0.9, 0), seed);
            long[] ids = [0, 1, 2, 3, 4, 5, 6, 7];
            long[] unlabelled = [.. Enumerable.Range(40, 16).Select(i => (long)i)];
            var pseudo = new long[unlabelled.Length];
            var confidence = new float[unlabelled.Length];
            var step = trainer.ConsistencyStep(images, ids, ids.Select(i => (long)labels[i]).ToArray(), unlabelled, [], Augmentation.None,
                options, pseudo, confidence);
            return (step, pseudo, confidence);
        }
    }

    [Fact]
    public void Only_images_whose_weak_view_reaches_the_threshold_teach()
    {
        // Below 1/4 every image of a 4-class model passes; at 1 none does (an untrained model is never certain).
        var all = OneStep(Fixed with { Threshold = 0.2 });
        Assert.All(all.Confidence, c => Assert.InRange(c, 0.25f, 1f));
        Assert.True(all.Step.UnlabelledLoss > 0, $"every image passed 0.2, yet the unlabelled loss is {all.Step.UnlabelledLoss}");

        var none = OneStep(Fixed with { Threshold = 1.0 });
        Assert.All(none.Confidence, c => Assert.True(c < 1f));
        Assert.Equal(0f, none.Step.UnlabelledLoss);
        // The labelled half trains either way, on the same batch.
        Assert.Equal(all.Step.Loss, none.Step.Loss, 4);
        Assert.All(all.Pseudo, p => Assert.InRange(p, 0, 3));
    }

    [Fact]
    public void The_weight_scales_the_unlabelled_loss()
    {
        var one = OneStep(Fixed with { Threshold = 0.2, Weight = 1 });
        var half = OneStep(Fixed with { Threshold = 0.2, Weight = 0.5 });
        var off = OneStep(Fixed with { Threshold = 0.2, Weight = 0 });
        Assert.Equal(one.Step.UnlabelledLoss / 2, half.Step.UnlabelledLoss, 4);
        Assert.Equal(0f, off.Step.UnlabelledLoss);
    }

    [Fact]
    public void Bad_settings_are_refused_naming_the_setting()
    {
        Assert.Equal("Threshold", Assert.Throws<ArgumentOutOfRangeException>(() => (Fixed with { Threshold = 0 }).Validate()).ParamName);
        Assert.Equal("Strong", Assert.Throws<ArgumentOutOfRangeException>(() => (Fixed with { Strong = Augmentation.Shift }).Validate()).ParamName);
        Assert.Equal("UnlabelledRatio", Assert.Throws<ArgumentOutOfRangeException>(() => (Fixed with { UnlabelledRatio = 0 }).Validate()).ParamName);
        var (images, labels) = Problem(16);
        using (images)
        {
            using var model = Model.Create(Architecture.SmallCnn, 4, seed: 2);
            var error = Assert.Throws<ArgumentException>(() => TrainingLoop.Fit(model, images, [0, 1, 2, 3], labels[..4], null, new FitOptions { Epochs = 1, BatchSize = 4 },
                consistency: new ConsistencyTraining([], Fixed)));
            Assert.Contains("pool is empty", error.Message);
        }
    }

    [Fact]
    public void The_pool_is_walked_through_once_per_pass_in_a_seeded_order()
    {
        var pool = Enumerable.Range(100, 10).ToArray();
        var training = new ConsistencyTraining(pool, Fixed, pool.Select(id => id % 4).ToArray());
        var stream = training.Draw(seed: 3, batchSize: 4);
        var first = stream.Next(10);
        Assert.Equal(pool, first.Ids.Select(i => (int)i).Order());
        Assert.Equal(first.Ids.Select(i => (int)(i % 4)), first.Truth!);
        var second = stream.Next(10);
        Assert.Equal(pool, second.Ids.Select(i => (int)i).Order());
        Assert.NotEqual(first.Ids, second.Ids);  // reshuffled
        Assert.Equal(first.Ids, training.Draw(seed: 3, batchSize: 4).Next(10).Ids);
    }

    [Fact]
    public void The_tally_counts_what_passed_the_threshold_by_the_label_given()
    {
        var tally = new ConsistencyTally(epoch: 1, numClasses: 3);
        // Four images: two pass (one right, one wrong), one passes with no known truth, one stays below the threshold.
        tally.Add(new UnlabelledDraw([1, 2, 3, 4], [0, 1, 2, 0], [0.99f, 0.96f, 0.97f, 0.5f], [0, 2, -1, 0]), threshold: 0.95, unlabelledLoss: 0.4);
        var epoch = tally.ToEpoch();
        Assert.Equal(4, epoch.Seen);
        Assert.Equal([1, 1, 1], epoch.MaskedByClass);
        Assert.Equal([1, 1, 0], epoch.CheckedByClass);
        Assert.Equal([1, 0, 0], epoch.CorrectByClass);
        Assert.Equal(0.75, epoch.MaskRate);
        Assert.Equal(0.5, epoch.Precision);
        Assert.Null(epoch.PrecisionOf(2));
    }

    [Fact]
    public void A_fit_learns_from_the_pool_and_reports_each_epoch()
    {
        var (images, labels) = Problem(160);
        using (images)
        {
            using var model = Model.Create(Architecture.SmallCnn, 4, seed: 4);
            int[] labelled = [0, 1, 2, 3, 4, 5, 6, 7];
            var pool = Enumerable.Range(8, 152).ToArray();
            var fit = TrainingLoop.Fit(model, images, labelled, labelled.Select(i => labels[i]).ToArray(), null,
                new FitOptions { Epochs = 30, BatchSize = 8, Sgd = new SgdOptions(0.05, 0.9, 0), Augmentation = Augmentation.None, Seed = 1 },
                consistency: new ConsistencyTraining(pool, Fixed with { Threshold = 0.9 }, pool.Select(i => labels[i]).ToArray()));
            var epochs = fit.Epochs.Select(e => e.Consistency!).ToList();
            Assert.All(epochs, e => Assert.Equal(8 * 2, e.Seen));
            // The model grows confident on the pool as it learns, and what passes the threshold is mostly right.
            Assert.True(epochs[^1].MaskRate > epochs[0].MaskRate, $"mask rate {epochs[0].MaskRate:P0} -> {epochs[^1].MaskRate:P0}");
            Assert.True(epochs[^1].Precision > 0.8, $"pseudo-label precision {epochs[^1].Precision:P0}");
        }
    }
}
