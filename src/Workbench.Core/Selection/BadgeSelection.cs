using System.Numerics.Tensors;

namespace Workbench.Selection;

/// <summary>
/// BADGE (Ash et al. 2020): k-means++ seeding over gradient embeddings. A candidate's gradient embedding is the gradient
/// of the cross-entropy at its own predicted label with respect to the last layer's weights,
/// g = (p − onehot(argmax p)) ⊗ h (p: probabilities, h: penultimate embedding; classes × width values). The first pick
/// is the largest ‖g‖ (as the reference code does), each next one is drawn with probability proportional to its squared
/// distance to the nearest pick so far (D² sampling, <c>new Random(seed)</c>). Ids come in pick order; scores are ‖g‖
/// for the first pick and the distance to the nearest earlier pick for the others; labels are null.
/// </summary>
/// <remarks>
/// The gradient embeddings are never built: ⟨g_i, g_j⟩ = ⟨a_i, a_j⟩·⟨h_i, h_j⟩ with a = p − onehot, so a distance
/// costs classes + width operations and memory stays one number per candidate (no n × n matrix, no n × classes × width
/// array). Equal norms go to the lower candidate position; when every candidate left coincides with a pick (all
/// weights zero), the lowest remaining position is taken, so the strategy takes the whole pool when the budget exceeds it.
/// </remarks>
public sealed class BadgeSelection : EmbeddingQuery
{
    /// <param name="budget">Number of candidates to choose, >= 1.</param>
    public BadgeSelection(int budget = 100) : base(budget) { }

    /// <inheritdoc/>
    public override string Name => "badge";

    /// <inheritdoc/>
    protected override string EmptyPool => "empty pool: no gradients to seed from";

    /// <inheritdoc/>
    protected override SelectionResult Choose(SelectionContext context, float[] h)
    {
        var (predictions, candidateIds, seed) = context;
        int n = predictions.Count;
        int dim = predictions.EmbeddingDim, classes = predictions.NumClasses;

        // a = p − onehot(argmax p): the gradient's factor on the output side.
        var a = new float[n * classes];
        var squaredNorms = new double[n];
        for (int i = 0; i < n; i++)
        {
            var row = a.AsSpan(i * classes, classes);
            predictions.Row(i).CopyTo(row);
            row[predictions.ArgMax(i)] -= 1f;
            var x = h.AsSpan(i * dim, dim);
            squaredNorms[i] = (double)TensorPrimitives.Dot(row, row) * TensorPrimitives.Dot(x, x);
        }

        int take = Math.Min(Budget, n);
        var picked = new bool[n];
        var positions = new int[take];
        var scoreByPosition = new double[n];
        var nearest = new double[n];  // squared distance to the nearest pick
        Array.Fill(nearest, double.PositiveInfinity);
        var random = new Random(seed);
        int next = 0;
        for (int i = 1; i < n; i++)
            if (squaredNorms[i] > squaredNorms[next]) next = i;
        for (int t = 0; t < take; t++)
        {
            int centre = next;
            picked[centre] = true;
            positions[t] = centre;
            scoreByPosition[centre] = Math.Sqrt(t == 0 ? squaredNorms[centre] : nearest[centre]);
            if (t == take - 1) break;

            Parallel.For(0, n, i =>
            {
                if (picked[i]) { nearest[i] = 0; return; }
                double cross = (double)TensorPrimitives.Dot(a.AsSpan(i * classes, classes), a.AsSpan(centre * classes, classes))
                    * TensorPrimitives.Dot(h.AsSpan(i * dim, dim), h.AsSpan(centre * dim, dim));
                // |g_i − g_c|² by the norms and the product; rounding can leave a tiny negative for near-equal gradients.
                double d = Math.Max(0, squaredNorms[i] + squaredNorms[centre] - 2 * cross);
                nearest[i] = Math.Min(nearest[i], d);
            });
            double total = 0;
            for (int i = 0; i < n; i++) total += nearest[i];
            next = total > 0 ? KMeans.Draw(nearest, total, random) : Array.IndexOf(picked, false);
        }

        string reason = $"{take} of {n} candidates by k-means++ seeding (seed {seed}) over gradient embeddings ({classes} classes x {dim}), "
            + "from the largest gradient norm; scores are distances to the nearest earlier pick (the first: its norm)";
        return SelectionRanking.FromPositions(positions, candidateIds, scoreByPosition, null, reason);
    }
}
