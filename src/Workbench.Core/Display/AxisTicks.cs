// Display layer: "Nice" axis ranges and tick positions (1, 2, 2.5, 5 × 10^k steps).
namespace Workbench.Display;

/// <summary>"Nice" axis ranges and tick positions (1, 2, 2.5, 5 × 10^k steps).</summary>
internal static class AxisTicks
{
    /// <summary>Ticks covering [min, max] with roughly <paramref name="target"/> intervals.</summary>
    public static IReadOnlyList<double> Nice(double min, double max, int target = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) throw new ArgumentException("axis range must be finite");
        if (max < min) (min, max) = (max, min);
        if (max == min)
        {
            // A flat series still needs a visible range around its value.
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = NiceStep((max - min) / Math.Max(1, target));
        double first = Math.Floor(min / step + 1e-9) * step;
        double last = Math.Ceiling(max / step - 1e-9) * step;
        var ticks = new List<double>();
        for (int i = 0; first + i * step <= last + step * 1e-6; i++)
        {
            // Rounding removes accumulated floating-point noise such as 0.30000000000000004.
            ticks.Add(Math.Round(first + i * step, 10));
        }
        return ticks;
    }

    /// <summary>The spacing between consecutive ticks.</summary>
    public static double Step(IReadOnlyList<double> ticks) => ticks.Count > 1 ? ticks[1] - ticks[0] : 1;

    /// <summary>How many decimals are needed to print ticks with this spacing.</summary>
    public static int Decimals(double step)
    {
        int decimals = 0;
        double scaled = Math.Abs(step);
        while (decimals < 6 && Math.Abs(scaled - Math.Round(scaled)) > 1e-9)
        {
            scaled *= 10;
            decimals++;
        }
        return decimals;
    }

    private static double NiceStep(double rough)
    {
        double exponent = Math.Floor(Math.Log10(rough));
        double magnitude = Math.Pow(10, exponent);
        double fraction = rough / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
