using System.Globalization;

namespace Workbench.Metrics;

/// <summary>
/// Mean of per-seed differences a_i − b_i with a two-sided 95% Student-t interval. Pairing by seed removes the variance
/// both arms share (the same initial labels and weights), which is most of it when a few seeds are all there is.
/// </summary>
/// <param name="Mean">Mean difference.</param>
/// <param name="Low">Lower end of the 95% interval (NaN for n = 1: one pair says nothing about the spread).</param>
/// <param name="High">Upper end of the 95% interval.</param>
/// <param name="N">Number of pairs.</param>
public sealed record PairedDifference(double Mean, double Low, double High, int N)
{
    // t quantiles (0.975) for 1..30 degrees of freedom.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>
    /// Two-sided p-value of the paired t test that the mean difference is 0 (NaN for n = 1). A family of such p-values is
    /// what <see cref="Holm"/> adjusts; the interval alone cannot be adjusted for the number of comparisons.
    /// </summary>
    public double P { get; init; } = double.NaN;

    /// <summary>True when the interval excludes 0: the data support a difference in this direction.</summary>
    public bool Excludes0 => N > 1 && (Low > 0 || High < 0);

    /// <summary>The paired difference of <paramref name="a"/> and <paramref name="b"/> (same order = same seed).</summary>
    /// <exception cref="ArgumentException">Lengths differ or there are no pairs.</exception>
    public static PairedDifference Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count == 0)
            throw new ArgumentException($"Need the same positive number of values on both sides, got {a.Count} and {b.Count}.", nameof(b));
        var stat = MeanStd.Of(a.Zip(b, (x, y) => x - y));
        if (stat.Count == 1) return new PairedDifference(stat.Mean, double.NaN, double.NaN, 1);
        double df = stat.Count - 1;
        double t = df <= T975.Length ? T975[(int)df - 1] : 1.960;
        double half = t * stat.Std / Math.Sqrt(stat.Count);
        double se = stat.Std / Math.Sqrt(stat.Count);
        // Identical differences on every seed: no spread to test against, so p is 0 for a non-zero mean and 1 for none.
        double p = se > 0 ? StudentT.TwoSidedP(stat.Mean / se, df) : stat.Mean == 0 ? 1 : 0;
        return new PairedDifference(stat.Mean, stat.Mean - half, stat.Mean + half, stat.Count) { P = p };
    }

    /// <summary>"+4.1 [−1.2, +9.4] (n = 3)", after multiplying by <paramref name="scale"/>.</summary>
    public string Format(double scale = 100, string format = "F1")
    {
        string S(double v) => (v >= 0 ? "+" : "") + (v * scale).ToString(format, CultureInfo.InvariantCulture);
        return N == 1 ? $"{S(Mean)} (n = 1, no interval)" : $"{S(Mean)} [{S(Low)}, {S(High)}] (n = {N})";
    }
}
