using Workbench.Engine;
using Workbench.Loop;

namespace Workbench.Distributed;

/// <summary>
/// The round loop on the ranks of a <see cref="ProcessGroup"/>: data-parallel training (<see cref="TrainingLoop"/> with the
/// group), sharded prediction gathered on rank 0 (<see cref="DistributedScoring"/>), and rank 0's decisions and weights
/// broadcast to the others. The group stays owned by the caller.
/// </summary>
public sealed class GroupLoopRanks(ProcessGroup group) : LoopRanks
{
    public override bool IsRoot => group.IsRoot;
    public override int Count => group.WorldSize;

    public override FitResult Fit(Model model, ImageSet images, IReadOnlyList<int> ids, IReadOnlyList<int> labels, float[] classWeights,
        FitOptions options, IProgress<EpochResult>? progress, CancellationToken cancel, ConsistencyTraining? consistency = null) =>
        TrainingLoop.Fit(model, images, ids, labels, classWeights, options, progress, cancel, group, consistency);

    public override Predictions? Predict(Model model, ImageSet images, IReadOnlyList<int> ids, int batchSize, bool embeddings,
        CancellationToken cancel)
    {
        // A collective cannot be left halfway by one rank; cancelling is checked before it, on every rank alike.
        cancel.ThrowIfCancellationRequested();
        return DistributedScoring.Predict(group, model, images, ids, batchSize, embeddings);
    }

    public override long[] Share(long[]? values) => group.Broadcast(values);
    public override void ShareModel(Model model) => group.Broadcast(model);
    public override void Barrier() => group.Barrier();
}
