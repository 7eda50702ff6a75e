using System.Globalization;

namespace Workbench.Loop;

/// <summary>
/// Bloodgood and Vijay-Shanker's (2009) stopping rule: stop once the mean of the last <c>window</c> rounds' kappas (each
/// round's stop-set predictions against the previous round's) reaches the threshold (theirs: 3 rounds, 0.99). As small-text's
/// KappaAverage, it decides nothing until <c>window</c> kappas exist, so the earliest stop is round <c>window</c> (round 0 has
/// no kappa). small-text's class tests the mean change of kappa instead (&lt; 1 − threshold); this is the paper's rule.
/// </summary>
public static class KappaStopping
{
    /// <summary>The paper's agreement threshold.</summary>
    public const double DefaultThreshold = 0.99;

    /// <summary>The paper's window of rounds.</summary>
    public const int DefaultWindow = 3;

    /// <summary>
    /// The mean of the last <paramref name="window"/> kappas of <paramref name="kappas"/> (indexed by round, round 0 first), or
    /// null when fewer than <paramref name="window"/> rounds have one.
    /// </summary>
    public static double? WindowMean(IReadOnlyList<double?> kappas, int window)
    {
        ArgumentNullException.ThrowIfNull(kappas);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (kappas.Count < window) return null;
        var last = kappas.Skip(kappas.Count - window).ToArray();
        return last.Any(k => k is null) ? null : last.Average(k => k!.Value);
    }

    /// <summary>True when the rule holds after the last round of <paramref name="kappas"/>.</summary>
    public static bool Holds(IReadOnlyList<double?> kappas, double threshold, int window) =>
        WindowMean(kappas, window) is double mean && mean >= threshold;

    /// <summary>The first round after which the rule holds, or null when it never does within <paramref name="kappas"/>.</summary>
    public static int? FirstRound(IReadOnlyList<double?> kappas, double threshold, int window)
    {
        ArgumentNullException.ThrowIfNull(kappas);
        for (int round = 0; round < kappas.Count; round++)
            if (Holds(kappas.Take(round + 1).ToArray(), threshold, window)) return round;
        return null;
    }

    /// <summary>Why the run stops after the last round of <paramref name="kappas"/>, or null when the rule does not hold.</summary>
    public static string? Reason(IReadOnlyList<double?> kappas, double threshold, int window)
    {
        if (!Holds(kappas, threshold, window)) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"the stop-set predictions stabilised: mean kappa {WindowMean(kappas, window):F4} over rounds {kappas.Count - window}-{kappas.Count - 1} >= {threshold} (stopWhenKappa)");
    }
}
