using System.Numerics.Tensors;

namespace Workbench.Selection;

/// <summary>
/// Core-set active learning (Sener and Savarese 2018), greedy k-center: repeatedly choose the candidate
/// farthest (Euclidean, in embedding space) from everything labelled or chosen so far.
/// Ids come in pick order; each score is the candidate's distance to its nearest centre when it was picked;
/// labels are null. Ties go to the lower candidate position.
/// </summary>
/// <remarks>
/// The labelled set enters as its embeddings (<see cref="SelectionContext.LabelledEmbeddings"/>, row-major, same width
/// as the candidates'), because strategies see only arrays, never the engine. Without labelled embeddings the first
/// pick is the candidate farthest from the candidates' mean (its score is that distance), so the strategy is
/// deterministic without using the seed.
/// </remarks>
public sealed class CoreSetSelection : ISelectionStrategy
{
    /// <param name="budget">Number of candidates to choose, >= 1.</param>
    public CoreSetSelection(int budget)
    {
        Budget = SelectionRanking.CheckPositive(budget, nameof(budget));
    }

    /// <summary>Number of candidates chosen (fewer when the pool is smaller).</summary>
    public int Budget { get; }

    /// <inheritdoc/>
    public string Name => "core-set";

    /// <inheritdoc/>
    public bool NeedsEmbeddings => true;

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (predictions, candidateIds, _) = context;
        int n = predictions.Count;
        if (n == 0)
            return SelectionResult.Empty("empty pool: nothing to cover");
        var pool = predictions.RequireEmbeddings(Name);
        int dim = predictions.EmbeddingDim;
        var labelled = context.LabelledEmbeddings;
        int labelledCount = SelectionRanking.LabelledRows(labelled, dim);

        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        if (labelledCount > 0)
        {
            Parallel.For(0, n, i =>
            {
                var x = pool.AsSpan(i * dim, dim);
                double best = double.PositiveInfinity;
                for (int j = 0; j < labelledCount; j++)
                    best = Math.Min(best, TensorPrimitives.Distance(x, labelled.AsSpan(j * dim, dim)));
                nearest[i] = best;
            });
        }
        else
        {
            var mean = new float[dim];
            for (int i = 0; i < n; i++) TensorPrimitives.Add(mean, pool.AsSpan(i * dim, dim), mean);
            TensorPrimitives.Divide(mean, n, mean);
            for (int i = 0; i < n; i++) nearest[i] = TensorPrimitives.Distance(pool.AsSpan(i * dim, dim), mean);
        }

        int take = Math.Min(Budget, n);
        var picked = new bool[n];
        var positions = new int[take];
        var scoreByPosition = new double[n];
        for (int t = 0; t < take; t++)
        {
            int farthest = -1;
            for (int i = 0; i < n; i++)
                if (!picked[i] && (farthest < 0 || nearest[i] > nearest[farthest])) farthest = i;
            picked[farthest] = true;
            positions[t] = farthest;
            scoreByPosition[farthest] = nearest[farthest];

            var centre = pool.AsSpan(farthest * dim, dim).ToArray();
            // The pool mean only chose the first centre; it is not a centre itself, so forget it.
            bool replaceMeanDistances = t == 0 && labelledCount == 0;
            Parallel.For(0, n, i =>
            {
                if (picked[i]) return;
                double d = TensorPrimitives.Distance(pool.AsSpan(i * dim, dim), centre);
                nearest[i] = replaceMeanDistances ? d : Math.Min(nearest[i], d);
            });
        }

        string start = labelledCount > 0 ? $"{labelledCount} labelled embeddings" : "the candidate farthest from the pool mean";
        string reason = $"{take} of {n} candidates by greedy k-center from {start}; scores are distances to the nearest centre";
        return SelectionRanking.FromPositions(positions, candidateIds, scoreByPosition, null, reason);
    }
}
