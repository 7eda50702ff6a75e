using System.Globalization;

namespace Workbench.Metrics;

/// <summary>
/// <paramref name="Successes"/> of <paramref name="Total"/> (e.g. the test images of one class predicted right: its recall),
/// with the Wilson score interval. One model's recall on 50 images is a count, not a mean over runs: the interval says how
/// far another 50 images of the class could move it (0.64 on 50 images is 0.50 to 0.76).
/// </summary>
public sealed record Proportion(int Successes, int Total)
{
    /// <summary>Successes / total (NaN for no trials).</summary>
    public double Rate => Total == 0 ? double.NaN : (double)Successes / Total;

    /// <summary>The count, checked: 0 ≤ successes ≤ total.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, or more successes than trials.</exception>
    public static Proportion Of(int successes, int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (successes < 0 || successes > total)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"successes must be within 0..{total}");
        return new Proportion(successes, total);
    }

    /// <summary>
    /// The Wilson score interval at <paramref name="level"/> (95% by default): unlike rate ± 1.96 standard errors it stays
    /// inside [0, 1] and keeps its coverage near 0 and 1, where recalls of small classes often are. (NaN, NaN) for no trials.
    /// </summary>
    public (double Low, double High) Wilson(double level = 0.95)
    {
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "the interval's coverage must be between 0 and 1");
        if (Total == 0) return (double.NaN, double.NaN);
        double z = NormalQuantile(1 - (1 - level) / 2), n = Total, p = Rate;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>"0.64 [0.50, 0.76] (32 of 50)": the rate, its 95% Wilson interval and the count.</summary>
    public string Format(string format = "F2")
    {
        var (low, high) = Wilson();
        string F(double v) => v.ToString(format, CultureInfo.InvariantCulture);
        return $"{F(Rate)} [{F(low)}, {F(high)}] ({Successes} of {Total})";
    }

    /// <inheritdoc />
    public override string ToString() => Format();

    // Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9), enough for an interval.
    private static double NormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) return -NormalQuantile(1 - p);
        double r = p - 0.5, s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
