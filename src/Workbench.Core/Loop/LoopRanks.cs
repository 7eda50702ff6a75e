// Loop layer: the processes one round loop runs on -- one, or the ranks of a data-parallel group.
using Workbench.Engine;

namespace Workbench.Loop;

/// <summary>
/// What the round loop needs from the processes it runs on, so that the loop itself has no "distributed" branches:
/// training, predicting and sharing rank 0's decisions. Every rank runs the same loop and calls these in the same
/// order (each may be a collective). Rank 0 (the root) alone selects, asks the oracle and writes the run folder; what
/// it decides reaches the others through <see cref="Share"/> and <see cref="ShareModel"/>. <see cref="Single"/> is the
/// plain one-process run, where every call is local.
/// </summary>
public abstract class LoopRanks
{
    /// <summary>One process: training and prediction are local, sharing returns what it is given.</summary>
    public static LoopRanks Single { get; } = new SingleProcess();

    /// <summary>True on the rank that decides and writes (rank 0).</summary>
    public abstract bool IsRoot { get; }

    /// <summary>How many ranks run the loop.</summary>
    public abstract int Count { get; }

    /// <summary>Trains the model: every rank passes the same arguments and ends with the same weights.</summary>
    public abstract FitResult Fit(Model model, ImageSet images, IReadOnlyList<int> ids, IReadOnlyList<int> labels, float[] classWeights,
        FitOptions options, IProgress<EpochResult>? progress, CancellationToken cancel);

    /// <summary>The predictions of <paramref name="ids"/> in their order on the root; null on the other ranks.</summary>
    public abstract Predictions? Predict(Model model, ImageSet images, IReadOnlyList<int> ids, int batchSize, bool embeddings,
        CancellationToken cancel);

    /// <summary>The root's <paramref name="values"/> on every rank (ignored, and may be null, elsewhere).</summary>
    public abstract long[] Share(long[]? values);

    /// <summary>Overwrites the model's weights with the root's.</summary>
    public abstract void ShareModel(Model model);

    /// <summary>Waits until every rank is here (the root first fills a cache the others then read).</summary>
    public abstract void Barrier();

    private sealed class SingleProcess : LoopRanks
    {
        public override bool IsRoot => true;
        public override int Count => 1;

        public override FitResult Fit(Model model, ImageSet images, IReadOnlyList<int> ids, IReadOnlyList<int> labels, float[] classWeights,
            FitOptions options, IProgress<EpochResult>? progress, CancellationToken cancel) =>
            Fitter.Fit(model, images, ids, labels, classWeights, options, progress, cancel);

        public override Predictions Predict(Model model, ImageSet images, IReadOnlyList<int> ids, int batchSize, bool embeddings,
            CancellationToken cancel) => model.Predict(images, ids, batchSize, embeddings, cancel);

        public override long[] Share(long[]? values) => values ?? throw new ArgumentNullException(nameof(values));
        public override void ShareModel(Model model) { }
        public override void Barrier() { }
    }
}
