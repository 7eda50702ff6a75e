using Workbench.Engine;

namespace Workbench.Selection;

/// <summary>Shared checks and ordering rules of the strategies.</summary>
internal static class SelectionRanking
{
    /// <summary>Checks that ids and prediction rows line up and that no id repeats.</summary>
    public static void ValidateCandidates(Predictions predictions, IReadOnlyList<int> candidateIds)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(candidateIds);
        if (candidateIds.Count != predictions.Count)
            throw new ArgumentException(
                $"candidateIds has {candidateIds.Count} ids but predictions has {predictions.Count} rows.", nameof(candidateIds));
        var seen = new HashSet<int>();
        for (int k = 0; k < candidateIds.Count; k++)
            if (!seen.Add(candidateIds[k]))
                throw new ArgumentException($"candidateIds repeats id {candidateIds[k]} (position {k}).", nameof(candidateIds));
    }

    /// <summary>
    /// Positions ordered by score (ascending or descending); equal scores keep the lower position first.
    /// </summary>
    public static int[] Order(IReadOnlyList<double> scores, bool ascending)
    {
        var positions = new int[scores.Count];
        for (int i = 0; i < positions.Length; i++) positions[i] = i;
        Array.Sort(positions, (a, b) =>
        {
            int byScore = ascending ? scores[a].CompareTo(scores[b]) : scores[b].CompareTo(scores[a]);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });
        return positions;
    }

    /// <summary>Builds a selection from chosen positions, translating them to global ids.</summary>
    public static SelectionResult FromPositions(
        IReadOnlyList<int> positions, IReadOnlyList<int> candidateIds, IReadOnlyList<double> scoreByPosition,
        Predictions? labelsFrom, string reason)
    {
        var ids = new int[positions.Count];
        var scores = new double[positions.Count];
        int[]? labels = labelsFrom is null ? null : new int[positions.Count];
        for (int k = 0; k < positions.Count; k++)
        {
            int position = positions[k];
            ids[k] = candidateIds[position];
            scores[k] = scoreByPosition[position];
            if (labels is not null) labels[k] = labelsFrom!.ArgMax(position);
        }
        return new SelectionResult(ids, scores, labels, reason);
    }

    /// <summary>
    /// Rows of the labelled embeddings (<see cref="SelectionContext.LabelledEmbeddings"/>) at the candidates' width
    /// <paramref name="dim"/>; an <see cref="ArgumentException"/> for "context" when a value is not finite or the width differs.
    /// </summary>
    public static int LabelledRows(float[] labelled, int dim)
    {
        if (!float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(labelled)))
            throw new ArgumentException("The labelled embeddings hold a non-finite value.", "context");
        if (labelled.Length % dim != 0)
            throw new ArgumentException(
                $"The labelled embeddings have {labelled.Length} values, not a multiple of the candidates' embedding width {dim}.", "context");
        return labelled.Length / dim;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless 0 &lt; value &lt;= 1.</summary>
    public static double CheckUnitThreshold(double value, string paramName)
    {
        if (!(value > 0 && value <= 1))
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be in (0, 1].");
        return value;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless value &gt;= 1.</summary>
    public static int CheckPositive(int value, string paramName)
    {
        if (value < 1)
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be >= 1.");
        return value;
    }
}
