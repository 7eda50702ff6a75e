namespace Workbench.Engine;

/// <summary>
/// Class probabilities of a set of samples under several stochastic passes of the model (MC-dropout): row-major
/// [Count, Samples, NumClasses], so sample i's passes are contiguous. The array is not copied.
/// </summary>
public sealed record SampledPredictions
{
    /// <summary>Wraps the array after checking its size.</summary>
    /// <exception cref="ArgumentException">The array's length is not count x samples x numClasses.</exception>
    public SampledPredictions(float[] probabilities, int count, int samples, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        if ((long)count * samples * numClasses != probabilities.Length)
            throw new ArgumentException($"Probabilities has {probabilities.Length} values but count x samples x numClasses = "
                + $"{count} x {samples} x {numClasses}.", nameof(probabilities));
        (Probabilities, Count, Samples, NumClasses) = (probabilities, count, samples, numClasses);
    }

    /// <summary>Row-major [Count, Samples, NumClasses] probabilities.</summary>
    public float[] Probabilities { get; }

    /// <summary>Number of samples (images).</summary>
    public int Count { get; }

    /// <summary>Stochastic passes per image.</summary>
    public int Samples { get; }

    /// <summary>Number of classes.</summary>
    public int NumClasses { get; }

    /// <summary>The probabilities of image <paramref name="row"/> in pass <paramref name="pass"/>.</summary>
    public ReadOnlySpan<float> Row(int row, int pass) =>
        Probabilities.AsSpan(((row * Samples) + pass) * NumClasses, NumClasses);

    /// <summary>The images at <paramref name="rows"/>, in that order.</summary>
    public SampledPredictions Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int width = Samples * NumClasses;
        var subset = new float[rows.Count * width];
        for (int i = 0; i < rows.Count; i++) Array.Copy(Probabilities, rows[i] * width, subset, i * width, width);
        return new SampledPredictions(subset, rows.Count, Samples, NumClasses);
    }
}
