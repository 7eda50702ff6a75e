namespace Workbench.Engine;

/// <summary>
/// Model outputs for a set of samples: class probabilities (row-major [Count, NumClasses]) and,
/// optionally, penultimate-layer embeddings (row-major [Count, EmbeddingDim]).
/// Validated on construction; the arrays are not copied, so callers must not mutate them afterwards.
/// </summary>
public sealed record Predictions
{
    /// <summary>Largest allowed distance of a probability row's sum from 1 (softmax in float32 drifts a little).</summary>
    public const float RowSumTolerance = 1e-3f;

    /// <summary>Row-major [Count, NumClasses] class probabilities.</summary>
    public float[] Probabilities { get; }

    /// <summary>Row-major [Count, EmbeddingDim] embeddings, or null when the model did not export them.</summary>
    public float[]? Embeddings { get; }

    /// <summary>Number of samples (rows).</summary>
    public int Count { get; }

    /// <summary>Number of classes (columns of <see cref="Probabilities"/>).</summary>
    public int NumClasses { get; }

    /// <summary>Embedding width; 0 when <see cref="Embeddings"/> is null.</summary>
    public int EmbeddingDim { get; }

    /// <summary>Validates and wraps the arrays.</summary>
    /// <exception cref="ArgumentException">Sizes disagree, a value is not finite, or a row does not sum to ~1.</exception>
    public Predictions(float[] probabilities, float[]? embeddings, int count, int numClasses, int embeddingDim)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        if ((long)count * numClasses != probabilities.Length)
            throw new ArgumentException(
                $"Probabilities has {probabilities.Length} values but count x numClasses = {count} x {numClasses}.",
                nameof(probabilities));
        for (int i = 0; i < count; i++)
        {
            var row = probabilities.AsSpan(i * numClasses, numClasses);
            double sum = 0;
            foreach (float v in row)
            {
                if (!float.IsFinite(v) || v < 0f)
                    throw new ArgumentException($"Probabilities row {i} holds {v}; values must be finite and >= 0.", nameof(probabilities));
                sum += v;
            }
            if (Math.Abs(sum - 1.0) > RowSumTolerance)
                throw new ArgumentException($"Probabilities row {i} sums to {sum:R}, not 1 (tolerance {RowSumTolerance}).", nameof(probabilities));
        }

        if (embeddings is null)
        {
            if (embeddingDim != 0)
                throw new ArgumentException($"embeddingDim is {embeddingDim} but embeddings is null; pass 0.", nameof(embeddingDim));
        }
        else
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(embeddingDim, 1);
            if ((long)count * embeddingDim != embeddings.Length)
                throw new ArgumentException(
                    $"Embeddings has {embeddings.Length} values but count x embeddingDim = {count} x {embeddingDim}.",
                    nameof(embeddings));
            for (int i = 0; i < embeddings.Length; i++)
                if (!float.IsFinite(embeddings[i]))
                    throw new ArgumentException($"Embeddings value {i} (row {i / embeddingDim}) is {embeddings[i]}; values must be finite.", nameof(embeddings));
        }

        Probabilities = probabilities;
        Embeddings = embeddings;
        Count = count;
        NumClasses = numClasses;
        EmbeddingDim = embeddingDim;
    }

    /// <summary>Builds predictions from jagged rows (convenient in notebooks and tests).</summary>
    public static Predictions FromRows(IReadOnlyList<float[]> probabilityRows, IReadOnlyList<float[]>? embeddingRows = null)
    {
        ArgumentNullException.ThrowIfNull(probabilityRows);
        int count = probabilityRows.Count;
        if (count == 0)
            throw new ArgumentException("Cannot infer the number of classes from zero rows; use the constructor.", nameof(probabilityRows));
        int numClasses = probabilityRows[0].Length;
        var probabilities = Flatten(probabilityRows, numClasses, nameof(probabilityRows));
        if (embeddingRows is null)
            return new Predictions(probabilities, null, count, numClasses, 0);
        if (embeddingRows.Count != count)
            throw new ArgumentException($"{embeddingRows.Count} embedding rows for {count} probability rows.", nameof(embeddingRows));
        int dim = embeddingRows[0].Length;
        return new Predictions(probabilities, Flatten(embeddingRows, dim, nameof(embeddingRows)), count, numClasses, dim);
    }

    /// <summary>An empty prediction set (no candidates) with the given number of classes.</summary>
    public static Predictions Empty(int numClasses, int embeddingDim = 0) =>
        new([], embeddingDim == 0 ? null : [], 0, numClasses, embeddingDim);

    /// <summary>Probabilities of sample <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Row(int i)
    {
        CheckIndex(i);
        return Probabilities.AsSpan(i * NumClasses, NumClasses);
    }

    /// <summary>Embedding of sample <paramref name="i"/>; throws when the predictions carry none.</summary>
    public ReadOnlySpan<float> Embedding(int i)
    {
        CheckIndex(i);
        return RequireEmbeddings("Embedding").AsSpan(i * EmbeddingDim, EmbeddingDim);
    }

    /// <summary>Most probable class of sample <paramref name="i"/>; ties go to the lower class index.</summary>
    public int ArgMax(int i)
    {
        var row = Row(i);
        int best = 0;
        for (int c = 1; c < row.Length; c++)
            if (row[c] > row[best]) best = c;
        return best;
    }

    /// <summary>Largest probability of sample <paramref name="i"/>.</summary>
    public float Max(int i) => Row(i)[ArgMax(i)];

    /// <summary>Top-1 minus top-2 probability of sample <paramref name="i"/> (equal to top-1 for a single class).</summary>
    public float Margin(int i)
    {
        var row = Row(i);
        if (row.Length == 1) return row[0];
        float first = float.NegativeInfinity, second = float.NegativeInfinity;
        foreach (float v in row)
        {
            if (v > first) { second = first; first = v; }
            else if (v > second) second = v;
        }
        return first - second;
    }

    /// <summary>The rows at <paramref name="rows"/> (in that order) as new predictions.</summary>
    public Predictions Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var probabilities = new float[rows.Count * NumClasses];
        float[]? embeddings = Embeddings is null ? null : new float[rows.Count * EmbeddingDim];
        for (int k = 0; k < rows.Count; k++)
        {
            int i = rows[k];
            if ((uint)i >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {i} at position {k} is outside [0, {Count}).");
            Row(i).CopyTo(probabilities.AsSpan(k * NumClasses));
            if (embeddings is not null) Embedding(i).CopyTo(embeddings.AsSpan(k * EmbeddingDim));
        }
        return new Predictions(probabilities, embeddings, rows.Count, NumClasses, EmbeddingDim);
    }

    /// <summary>
    /// The embeddings, or an <see cref="ArgumentException"/> for parameter "predictions" naming
    /// <paramref name="neededBy"/> (these predictions were passed to a consumer that cannot work without them).
    /// </summary>
    public float[] RequireEmbeddings(string neededBy) =>
        Embeddings ?? throw new ArgumentException(
            $"{neededBy} needs embeddings but these predictions carry none; predict with embeddings enabled.", "predictions");

    private void CheckIndex(int i)
    {
        if ((uint)i >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(i), $"Sample {i} is outside [0, {Count}).");
    }

    private static float[] Flatten(IReadOnlyList<float[]> rows, int width, string paramName)
    {
        var flat = new float[rows.Count * width];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null || rows[i].Length != width)
                throw new ArgumentException($"Row {i} has {rows[i]?.Length ?? 0} values; row 0 has {width}.", paramName);
            rows[i].CopyTo(flat, i * width);
        }
        return flat;
    }
}
