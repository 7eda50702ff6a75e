namespace Workbench.Metrics;

/// <summary>
/// Cohen's kappa between two labellings of the same items: (p_o − p_e) / (1 − p_e), where p_o is the fraction of items on
/// which they agree and p_e the agreement expected by chance from each labelling's class frequencies. Used between two
/// rounds' predictions on a fixed sample (Bloodgood and Vijay-Shanker 2009, "stabilizing predictions").
/// </summary>
public static class CohensKappa
{
    /// <summary>
    /// Kappa of <paramref name="a"/> and <paramref name="b"/> (same length, same order), in [−1, 1]. When both give every item
    /// one and the same class, chance agreement is 1 and the ratio is 0/0: that is perfect agreement, so 1 (sklearn says NaN;
    /// a stopping rule must read it as stable, not as unknown).
    /// </summary>
    /// <exception cref="ArgumentException">Empty, or of different lengths.</exception>
    public static double Of(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"Kappa compares two labellings of the same items: {a.Count} and {b.Count} labels.", nameof(b));
        if (a.Count == 0) throw new ArgumentException("Kappa needs at least one item.", nameof(a));
        var countA = new Dictionary<int, int>();
        var countB = new Dictionary<int, int>();
        int agree = 0;
        for (int i = 0; i < a.Count; i++)
        {
            countA[a[i]] = countA.GetValueOrDefault(a[i]) + 1;
            countB[b[i]] = countB.GetValueOrDefault(b[i]) + 1;
            if (a[i] == b[i]) agree++;
        }
        double n = a.Count;
        double observed = agree / n;
        double chance = countA.Sum(kv => kv.Value / n * (countB.GetValueOrDefault(kv.Key) / n));
        return chance >= 1 ? 1 : (observed - chance) / (1 - chance);
    }
}
