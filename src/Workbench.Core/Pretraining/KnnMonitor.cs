namespace Workbench.Pretraining;

/// <summary>
/// Leave-one-out k-nearest-neighbour accuracy (cosine similarity, majority vote, ties to the larger summed similarity) of
/// embeddings of labelled images: cheap enough to run every epoch on the ~100 labelled images, and it rises when the
/// embedding starts to separate the classes, which the contrastive loss alone does not show.
/// </summary>
public static class KnnMonitor
{
    /// <summary>Accuracy in [0, 1] of predicting each image's label from its k nearest other images.</summary>
    public static double LeaveOneOutAccuracy(ReadOnlySpan<float> embeddings, int dim, IReadOnlyList<int> labels, int k)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int n = labels.Count;
        if (embeddings.Length != (long)n * dim) throw new ArgumentException($"{embeddings.Length} values for {n} x {dim} embeddings", nameof(embeddings));
        if (n < 2) throw new ArgumentException("the monitor needs at least 2 labelled images", nameof(labels));
        var unit = new double[n * dim];
        for (int i = 0; i < n; i++)
        {
            double norm = 0;
            for (int d = 0; d < dim; d++) norm += (double)embeddings[i * dim + d] * embeddings[i * dim + d];
            norm = Math.Sqrt(norm) + 1e-12;
            for (int d = 0; d < dim; d++) unit[i * dim + d] = embeddings[i * dim + d] / norm;
        }
        int correct = 0;
        var similarity = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int d = 0; d < dim; d++) dot += unit[i * dim + d] * unit[j * dim + d];
                similarity[j] = j == i ? double.NegativeInfinity : dot;
                order[j] = j;
            }
            Array.Sort(order, (a, b) => similarity[b].CompareTo(similarity[a]));
            var votes = new Dictionary<int, (int Count, double Sum)>();
            foreach (int j in order.Take(Math.Min(k, n - 1)))
            {
                var (count, sum) = votes.GetValueOrDefault(labels[j]);
                votes[labels[j]] = (count + 1, sum + similarity[j]);
            }
            int predicted = votes.OrderByDescending(v => v.Value.Count).ThenByDescending(v => v.Value.Sum).First().Key;
            if (predicted == labels[i]) correct++;
        }
        return (double)correct / n;
    }
}
