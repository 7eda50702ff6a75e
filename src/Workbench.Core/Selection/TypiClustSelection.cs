using System.Numerics.Tensors;

namespace Workbench.Selection;

/// <summary>
/// TypiClust (Hacohen et al. 2022): k-means over the embeddings of the labelled samples and the candidates together, into
/// min(labelled + budget, <see cref="MaxClusters"/>) clusters; the clusters are visited uncovered first (fewest labelled
/// samples), then largest first, one pick per cluster per pass, and each pick is the cluster's most typical candidate not
/// yet chosen. Typicality = 1 / (mean Euclidean distance to its K nearest neighbours among those candidates + 1e-5), with
/// K = min(<see cref="Neighbours"/>, remaining / 2) as the reference code does for small clusters. Ids come in pick order;
/// scores are the typicalities; labels are null.
/// </summary>
/// <remarks>
/// As in the reference (avihu111/TypiClust, typiclust.py), clusters of at most <see cref="MinClusterSize"/> points are
/// not used -- here they come after all others instead of never, so the strategy still takes the whole pool when the
/// budget exceeds it. The reference measures typicality with squared distances (faiss IndexFlatL2); this follows the
/// paper's definition (Euclidean). The seed seeds the k-means++ initialisation. Ties in typicality go to the lower
/// candidate position, ties in cluster order to the lower cluster index. Embeddings are the model's penultimate layer
/// (the reference uses self-supervised features: with the pretrained start, the fine-tuned SimCLR encoder).
/// </remarks>
public sealed class TypiClustSelection : EmbeddingQuery
{
    /// <summary>Most clusters (the reference's MAX_NUM_CLUSTERS), which bounds the k-means cost.</summary>
    public const int MaxClusters = 500;

    /// <summary>Clusters of at most this many points (labelled included) are visited last (the reference drops them).</summary>
    public const int MinClusterSize = 5;

    /// <summary>Nearest neighbours of the typicality measure (the reference's K_NN).</summary>
    public const int Neighbours = 20;

    /// <param name="budget">Number of candidates to choose, >= 1.</param>
    /// <param name="kmeansIterations">Most Lloyd iterations, >= 1.</param>
    public TypiClustSelection(int budget = 100, int kmeansIterations = 50)
        : base(budget)
    {
        KMeansIterations = SelectionRanking.CheckPositive(kmeansIterations, nameof(kmeansIterations));
    }

    /// <summary>Most Lloyd iterations of the k-means step.</summary>
    public int KMeansIterations { get; }

    /// <inheritdoc/>
    public override string Name => "typiclust";

    /// <inheritdoc/>
    protected override string EmptyPool => "empty pool: nothing to cluster";

    /// <inheritdoc/>
    protected override SelectionResult Choose(SelectionContext context, float[] pool)
    {
        var (predictions, candidateIds, seed) = context;
        int n = predictions.Count;
        int dim = predictions.EmbeddingDim;
        var labelled = context.LabelledEmbeddings;
        int labelledCount = SelectionRanking.LabelledRows(labelled, dim);

        // Labelled rows first, then the candidates: point p >= labelledCount is candidate position p - labelledCount.
        var points = new float[(labelledCount + n) * dim];
        labelled.CopyTo(points, 0);
        pool.CopyTo(points, labelledCount * dim);
        int k = Math.Min(Math.Min(labelledCount + Budget, MaxClusters), labelledCount + n);
        var clustering = new KMeans(k, KMeansIterations).Fit(points, labelledCount + n, dim, seed);

        var sizes = clustering.ClusterSizes();
        var covered = new int[k];
        for (int p = 0; p < labelledCount; p++) covered[clustering.Assignments[p]]++;
        var remaining = new List<int>[k];
        for (int c = 0; c < k; c++) remaining[c] = [];
        for (int i = 0; i < n; i++) remaining[clustering.Assignments[labelledCount + i]].Add(i);

        var order = VisitOrder(sizes, covered);
        int take = Math.Min(Budget, n);
        var positions = new List<int>(take);
        var scoreByPosition = new double[n];
        while (positions.Count < take)
        {
            foreach (int c in order)
            {
                if (remaining[c].Count == 0) continue;
                var (best, typicality) = MostTypical(remaining[c], pool, dim);
                positions.Add(best);
                scoreByPosition[best] = typicality;
                remaining[c].Remove(best);
                if (positions.Count == take) break;
            }
        }

        int uncovered = Enumerable.Range(0, k).Count(c => covered[c] == 0 && sizes[c] > 0);
        string reason = $"{take} of {n} candidates: the most typical of the largest uncovered of {k} k-means clusters over {n} candidates "
            + $"and {labelledCount} labelled samples ({uncovered} uncovered; seed {seed}, {clustering.Iterations} iterations"
            + $"{(clustering.Converged ? ", converged" : "")}); scores are typicalities (1 / mean distance to the {Neighbours} nearest)";
        return SelectionRanking.FromPositions(positions, candidateIds, scoreByPosition, null, reason);
    }

    /// <summary>
    /// The order in which clusters are visited: big enough ones before the smallest, then fewest labelled samples
    /// (uncovered first), then largest, then lower index.
    /// </summary>
    internal static int[] VisitOrder(int[] sizes, int[] labelledCounts) =>
        [.. Enumerable.Range(0, sizes.Length)
            .OrderBy(c => sizes[c] <= MinClusterSize ? 1 : 0)
            .ThenBy(c => labelledCounts[c])
            .ThenByDescending(c => sizes[c])
            .ThenBy(c => c)];

    /// <summary>
    /// The candidate of <paramref name="members"/> (positions, ascending) with the highest typicality among them, and that
    /// typicality. Distances are computed row by row and only the nearest are kept: no members x members matrix.
    /// </summary>
    internal static (int Position, double Typicality) MostTypical(IReadOnlyList<int> members, float[] embeddings, int dim)
    {
        int m = members.Count;
        // A lone candidate has no neighbours to be typical of; it is still the cluster's only choice.
        if (m == 1) return (members[0], 0);
        int neighbours = Math.Max(1, Math.Min(Neighbours, m / 2));
        var typicality = new double[m];
        Parallel.For(0, m, () => new double[neighbours], (a, _, nearest) =>
        {
            Array.Fill(nearest, double.PositiveInfinity);
            var x = embeddings.AsSpan(members[a] * dim, dim);
            for (int b = 0; b < m; b++)
            {
                if (b == a) continue;
                double d = TensorPrimitives.Distance(x, embeddings.AsSpan(members[b] * dim, dim));
                if (d >= nearest[^1]) continue;
                // Insertion into the sorted list of the nearest distances so far.
                int slot = nearest.Length - 1;
                while (slot > 0 && nearest[slot - 1] > d) { nearest[slot] = nearest[slot - 1]; slot--; }
                nearest[slot] = d;
            }
            double sum = 0;
            foreach (double d in nearest) sum += d;
            typicality[a] = 1.0 / (sum / neighbours + 1e-5);
            return nearest;
        }, _ => { });
        int best = 0;
        for (int a = 1; a < m; a++)
            if (typicality[a] > typicality[best]) best = a;
        return (members[best], typicality[best]);
    }
}
