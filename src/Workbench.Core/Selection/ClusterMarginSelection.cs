using Workbench.Scoring;
using Workbench.Engine;

namespace Workbench.Selection;

/// <summary>
/// Clustering active learning of the BCCD SSL+AL poster: k-means with k = min(budget, pool) on the
/// candidates' embeddings, then in each cluster the candidate with the smallest margin (top-1 minus top-2).
/// Ids are ordered by margin ascending; scores are the margins; labels are null (the oracle labels them).
/// </summary>
/// <remarks>
/// The seed passed to <see cref="Select"/> seeds the k-means++ initialisation.
/// Ties in margin go to the lower candidate position. A cluster that ends empty (only possible when the
/// embeddings have fewer than k distinct points, see <see cref="KMeans"/>) is skipped, so the selection may
/// then hold fewer than k ids. Throws an <see cref="ArgumentException"/> when the predictions have no embeddings
/// (unless the pool is empty).
/// </remarks>
public sealed class ClusterMarginSelection : ISelectionStrategy
{
    /// <param name="budget">Number of clusters, hence of samples chosen, >= 1.</param>
    /// <param name="kmeansIterations">Most Lloyd iterations, >= 1.</param>
    /// <param name="scorer">The uncertainty measure ranked inside each cluster; the margin by default.</param>
    public ClusterMarginSelection(int budget = 100, int kmeansIterations = 50, IScorer? scorer = null)
    {
        Scorer = scorer ?? new MarginScorer();
        Budget = SelectionRanking.CheckPositive(budget, nameof(budget));
        KMeansIterations = SelectionRanking.CheckPositive(kmeansIterations, nameof(kmeansIterations));
    }

    /// <summary>Number of clusters, hence of samples chosen (fewer when the pool is smaller).</summary>
    public int Budget { get; }

    /// <summary>Most Lloyd iterations of the k-means step.</summary>
    public int KMeansIterations { get; }

    /// <summary>The uncertainty measure ranked inside each cluster.</summary>
    public IScorer Scorer { get; }

    /// <inheritdoc/>
    public string Name => "cluster-margin";

    /// <inheritdoc/>
    public bool NeedsEmbeddings => true;

    /// <summary>The k-means step alone (k = min(budget, pool)), for notebooks that plot the clusters.</summary>
    public KMeansResult Cluster(Predictions predictions, int seed)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0)
            throw new ArgumentException("Cannot cluster an empty pool.", nameof(predictions));
        var embeddings = predictions.RequireEmbeddings(Name);
        int k = Math.Min(Budget, predictions.Count);
        return new KMeans(k, KMeansIterations).Fit(embeddings, predictions.Count, predictions.EmbeddingDim, seed);
    }

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (predictions, candidateIds, seed) = context;
        if (predictions.Count == 0)
            return SelectionResult.Empty("empty pool: nothing to cluster");

        var clustering = Cluster(predictions, seed);
        // Rank by uncertainty, most uncertain first, whatever the measure's direction.
        var scores = Scorer.Score(predictions);
        var margins = Scorer.HigherIsMoreUncertain ? scores.Select(s => -s).ToArray() : scores;

        var bestInCluster = new int[clustering.ClusterCount];
        Array.Fill(bestInCluster, -1);
        for (int i = 0; i < margins.Length; i++)
        {
            int c = clustering.Assignments[i];
            // Strictly smaller only, so equal margins keep the lower position.
            if (bestInCluster[c] < 0 || margins[i] < margins[bestInCluster[c]]) bestInCluster[c] = i;
        }

        var chosen = bestInCluster.Where(i => i >= 0).ToArray();
        var byMargin = SelectionRanking.Order(chosen.Select(i => margins[i]).ToArray(), ascending: true)
            .Select(k => chosen[k]).ToArray();
        int empty = clustering.ClusterCount - chosen.Length;
        string reason = $"most uncertain ({Scorer.Name}) in each of {clustering.ClusterCount} k-means clusters of {predictions.Count} candidates "
            + $"(seed {seed}, {clustering.Iterations} iterations{(clustering.Converged ? ", converged" : "")})"
            + (empty > 0 ? $"; {empty} empty clusters skipped" : "");
        return SelectionRanking.FromPositions(byMargin, candidateIds, scores, null, reason);
    }
}
