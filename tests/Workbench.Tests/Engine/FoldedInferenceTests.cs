using Workbench.Engine;

namespace Workbench.Tests.Engine;

/// <summary>
/// Prediction on CPU runs a cached copy of the weights with batch norm folded into the convolutions
/// (Model.FoldedInference, the default). It must give what the eager modules give, and it must never
/// outlive the weights it was folded from: after training, CopyFrom or Load the next prediction uses
/// the new weights, and training itself keeps using the real batch norm.
/// </summary>
public class FoldedInferenceTests
{
    private const int Size = 32, Count = 48, Classes = 4;
    // Float rounding differs between the folded and the eager convolutions; anything wrong with the
    // folding (stale statistics, a missing bias) moves probabilities by far more than this.
    private const double ProbabilityTolerance = 1e-4;

    private static readonly int[] Ids = Enumerable.Range(0, Count).ToArray();

    private static ImageSet Images(out long[] labels)
    {
        var (pixels, ints) = SyntheticImages.Make(Count, Size, Classes, seed: 9);
        labels = ints.Select(l => (long)l).ToArray();
        return ImageSet.FromBytes(pixels, Size);
    }

    // A few SGD steps move the BN running statistics and affine weights away from their initial
    // 0 / 1, so that folding them is not the identity.
    private static void Train(Model model, ImageSet images, long[] labels, int steps, long seed)
    {
        using var trainer = new SgdStepper(model, new SgdOptions(0.05, 0.9, 5e-4), seed);
        var ids = Ids.Select(i => (long)i).ToArray();
        for (int s = 0; s < steps; s++)
        {
            int start = s * 16 % Count;
            trainer.Step(images, ids.AsSpan(start, 16), labels.AsSpan(start, 16), [], Augmentation.None);
        }
    }

    private static Predictions Eager(Model model, ImageSet images)
    {
        model.FoldedInference = false;
        try { return model.Predict(images, Ids, batchSize: 16); }
        finally { model.FoldedInference = true; }
    }

    private static void AssertClose(Predictions expected, Predictions actual)
    {
        double probabilities = expected.Probabilities.Zip(actual.Probabilities, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(probabilities <= ProbabilityTolerance, $"probabilities differ by {probabilities:G3}");
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected.ArgMax(i), actual.ArgMax(i));
        double scale = Math.Max(1.0, expected.Embeddings!.Max(Math.Abs));
        double embeddings = expected.Embeddings!.Zip(actual.Embeddings!, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(embeddings <= 1e-3 * scale, $"embeddings differ by {embeddings:G3} (largest {scale:G3})");
    }

    [Theory]
    [InlineData(Architecture.ResNet18)]
    [InlineData(Architecture.Cnn4)]
    [InlineData(Architecture.SmallCnn)]
    [InlineData(Architecture.SeNet8)]  // no folded path: must fall back to the eager modules
    public void FoldedPredictionsEqualEagerOnes(Architecture architecture)
    {
        using var images = Images(out var labels);
        using var model = Model.Create(architecture, Classes, seed: 2);
        Train(model, images, labels, steps: 3, seed: 1);
        Assert.True(model.FoldedInference);
        var folded = model.Predict(images, Ids, batchSize: 16);
        AssertClose(Eager(model, images), folded);
    }

    [Fact]
    public void TrainingAfterAPredictionUsesTheRealBatchNormAndTheNextPredictionSeesIt()
    {
        using var images = Images(out var labels);
        using var folded = Model.Create(Architecture.ResNet18, Classes, seed: 3);
        using var eager = Model.Create(Architecture.ResNet18, Classes, seed: 3);
        eager.FoldedInference = false;
        var before = new Predictions[2];
        var after = new Predictions[2];
        foreach (var (model, k) in new[] { (folded, 0), (eager, 1) })
        {
            Train(model, images, labels, steps: 2, seed: 5);
            before[k] = model.Predict(images, Ids, batchSize: 16);
            // One trainer for both steps, as a round does: the optimizer's momentum carries over.
            using var trainer = new SgdStepper(model, new SgdOptions(0.05, 0.9, 5e-4), 6);
            trainer.Step(images, Ids.Select(i => (long)i).ToArray(), labels, [], Augmentation.None);
            after[k] = model.Predict(images, Ids, batchSize: 16);
        }
        // Training saw the same weights and batch norm whether or not a folded prediction came first.
        Assert.Equal(eager.Checksum(), folded.Checksum());
        AssertClose(before[1], before[0]);
        AssertClose(after[1], after[0]);
        // The step changed the predictions, so a stale folded copy would have been caught above.
        double moved = before[0].Probabilities.Zip(after[0].Probabilities, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(moved > 100 * ProbabilityTolerance, $"the training step moved probabilities by only {moved:G3}");
    }

    [Fact]
    public void CopyingOrLoadingWeightsRefreshesTheFoldedCopy()
    {
        using var images = Images(out var labels);
        using var target = Model.Create(Architecture.ResNet18, Classes, seed: 4);
        using var source = Model.Create(Architecture.ResNet18, Classes, seed: 7);
        Train(target, images, labels, steps: 2, seed: 1);
        Train(source, images, labels, steps: 3, seed: 2);
        var stale = target.Predict(images, Ids, batchSize: 16);

        target.CopyFrom(source);
        var copied = target.Predict(images, Ids, batchSize: 16);
        AssertClose(Eager(source, images), copied);
        Assert.NotEqual(stale.Probabilities, copied.Probabilities);

        var path = Path.Combine(Path.GetTempPath(), $"wb-folded-{Guid.NewGuid():N}.pt");
        try
        {
            using var other = Model.Create(Architecture.ResNet18, Classes, seed: 8);
            Train(other, images, labels, steps: 2, seed: 3);
            other.Save(path);
            target.Load(path);
            AssertClose(Eager(other, images), target.Predict(images, Ids, batchSize: 16));
        }
        finally { File.Delete(path); }
    }
}
