using Workbench.Engine;

namespace Workbench.Distributed;

/// <summary>Predictions over a pool shared out across the ranks of a group and gathered on rank 0.</summary>
public static class DistributedScoring
{
    /// <summary>
    /// Each rank predicts its contiguous shard of <paramref name="ids"/> with its copy of the (same) model; rank 0
    /// returns the predictions of all ids in their order, the other ranks null. Each sample's prediction depends
    /// only on the model and the image (eval mode), so this equals a single-process <see cref="Model.Predict"/>.
    /// </summary>
    public static Predictions? Predict(ProcessGroup group, Model model, ImageSet images, IReadOnlyList<int> ids,
        int batchSize = 256, bool embeddings = true)
    {
        var (start, count) = group.Shard(ids.Count);
        var mine = model.Predict(images, ids.Skip(start).Take(count).ToArray(), batchSize, embeddings);
        var probabilities = group.Gather(mine.Probabilities, model.NumClasses, ids.Count);
        var features = embeddings ? group.Gather(mine.Embeddings!, model.EmbeddingDim, ids.Count) : null;
        return probabilities is null
            ? null
            : new Predictions(probabilities, features, ids.Count, model.NumClasses, embeddings ? model.EmbeddingDim : 0);
    }
}
