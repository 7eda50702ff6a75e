namespace Workbench.Loop;

/// <summary>
/// Normalised inverse class frequency, the w_l of the SSL+AL poster's class-weighted cross-entropy:
/// w_c = (1 / n_c) / sum_k (1 / n_k) * K, the sums over the K classes with at least one sample.
/// </summary>
/// <remarks>
/// Scaling by K makes the weights average 1 over the present classes, so the loss keeps the magnitude of
/// unweighted cross-entropy and the learning rate means the same thing with and without weights.
/// A class with no sample gets weight 0 (it cannot appear as a target anyway).
/// </remarks>
public static class ClassWeights
{
    /// <summary>Weights from per-class sample counts.</summary>
    /// <exception cref="ArgumentException">No counts, a negative count, or no class with a sample.</exception>
    public static float[] FromCounts(IReadOnlyList<int> countsByClass)
    {
        ArgumentNullException.ThrowIfNull(countsByClass);
        if (countsByClass.Count == 0)
            throw new ArgumentException("At least one class count is needed.", nameof(countsByClass));
        double inverseSum = 0;
        int present = 0;
        for (int c = 0; c < countsByClass.Count; c++)
        {
            if (countsByClass[c] < 0)
                throw new ArgumentException($"countsByClass[{c}] is {countsByClass[c]}; counts must be >= 0.", nameof(countsByClass));
            if (countsByClass[c] == 0) continue;
            inverseSum += 1.0 / countsByClass[c];
            present++;
        }
        if (present == 0)
            throw new ArgumentException("Every class count is 0; class weights need at least one sample.", nameof(countsByClass));
        var weights = new float[countsByClass.Count];
        for (int c = 0; c < weights.Length; c++)
            weights[c] = countsByClass[c] == 0 ? 0f : (float)(1.0 / countsByClass[c] / inverseSum * present);
        return weights;
    }
}
