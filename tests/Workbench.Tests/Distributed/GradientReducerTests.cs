using Workbench.Distributed;
using Workbench.Engine;
using Workbench.Tests.Engine;

namespace Workbench.Tests.Distributed;

/// <summary>
/// The data-parallel step all-reduces gradients in buckets while backward runs (the engine's GradientReducer). Two
/// ranks over loopback (Gloo, two threads of this process) must take exactly the step one process takes: when both
/// ranks see the same images the sum is 2g over a weight sum of 2W, and when the second rank has none it adds zeros.
/// A bucket reduced from the wrong place, a gradient not written back, or a stale bucket on the empty rank moves the
/// weights away from the single-process step.
/// </summary>
public class GradientReducerTests
{
    private const int Size = 32, Count = 16, Classes = 4, Steps = 3;
    private static readonly SgdOptions Sgd = new(0.05, 0.9, 5e-4);

    private static (ImageSet Images, long[] Ids, long[] Labels) Data()
    {
        var (pixels, labels) = SyntheticImages.Make(Count, Size, Classes, seed: 11);
        return (ImageSet.FromBytes(pixels, Size), Enumerable.Range(0, Count).Select(i => (long)i).ToArray(), labels.Select(l => (long)l).ToArray());
    }

    private static float[] Weights(Model model, ImageSet images) =>
        [.. model.Predict(images, Enumerable.Range(0, Count).ToArray(), batchSize: Count).Embeddings!];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_ranks_take_the_step_one_process_takes(bool secondRankHasImages)
    {
        var (images, ids, labels) = Data();
        using var _ = images;
        float[] expected;
        double expectedChecksum;
        using (var reference = Model.Create(Architecture.Cnn4, Classes, seed: 1))
        using (var trainer = new SgdStepper(reference, Sgd, seed: 3))
        {
            for (int s = 0; s < Steps; s++) trainer.Step(images, ids.AsSpan(0, 8), labels.AsSpan(0, 8), [], Augmentation.None);
            expected = Weights(reference, images);
            expectedChecksum = reference.Checksum();
        }

        int port = RankProcesses.FreePort();
        var checksums = new double[2];
        var embeddings = new float[2][];
        void Rank(int rank)
        {
            using var group = ProcessGroup.Join(new Rendezvous("127.0.0.1", port, 2, rank, rank, "gloo", TimeSpan.FromSeconds(60)));
            using var model = Model.Create(Architecture.Cnn4, Classes, seed: 1);
            using var trainer = new SgdStepper(model, Sgd, seed: 3);
            trainer.Attach(group);
            int n = rank == 1 && !secondRankHasImages ? 0 : 8;
            for (int s = 0; s < Steps; s++) trainer.Step(images, ids.AsSpan(0, n), labels.AsSpan(0, n), [], Augmentation.None);
            // A rank without images ran no forward, so its batch-norm statistics are one step behind until the next
            // step's broadcast (as DDP's broadcast_buffers); bring them in line to compare whole models.
            group.Broadcast(model, root: 0, buffersOnly: true);
            checksums[rank] = model.Checksum();
            embeddings[rank] = Weights(model, images);
        }
        // Each rank on its own thread: joining blocks until the other has joined.
        await Task.WhenAll(Task.Run(() => Rank(0)), Task.Run(() => Rank(1)));

        Assert.Equal(checksums[0], checksums[1]);
        // The single process divides by the weight sum inside backward, the ranks after the sum: float rounding only.
        Assert.True(Math.Abs(checksums[0] - expectedChecksum) <= 1e-6 * Math.Abs(expectedChecksum),
            $"checksum {checksums[0]:R} after {Steps} data-parallel steps, {expectedChecksum:R} in one process");
        double worst = expected.Zip(embeddings[0], (a, b) => Math.Abs(a - b)).Max();
        double scale = Math.Max(1.0, expected.Max(Math.Abs));
        Assert.True(worst <= 1e-4 * scale, $"embeddings differ by {worst:G3} (largest {scale:G3})");
    }
}
