// Reports layer: counts of values in equal-width bins over [Min, Max].
using System.Globalization;
using Workbench.Display;
using Workbench.Scoring;
using Workbench.Engine;
using Workbench.Metrics;

namespace Workbench.Reports;

/// <summary>
/// Counts of values in equal-width bins over [<see cref="Min"/>, <see cref="Max"/>]; values outside go to the first or
/// last bin and the maximum itself to the last. Used to show how a round's confidences or margins are spread, and how
/// many of them a threshold lets through.
/// </summary>
public sealed record Histogram
{
    private Histogram(double min, double max, int[] counts)
    {
        Min = min;
        Max = max;
        Counts = counts;
    }

    /// <summary>Lower edge of the first bin.</summary>
    public double Min { get; }

    /// <summary>Upper edge of the last bin.</summary>
    public double Max { get; }

    /// <summary>Values per bin, lowest bin first.</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <summary>Number of bins.</summary>
    public int Bins => Counts.Count;

    /// <summary>Width of each bin.</summary>
    public double BinWidth => (Max - Min) / Bins;

    /// <summary>Number of values counted.</summary>
    public int Total => Counts.Sum();

    /// <summary>Bins <paramref name="values"/> into <paramref name="bins"/> bins over [min, max].</summary>
    /// <exception cref="ArgumentException">A value is NaN, bins &lt; 1, or min ≥ max.</exception>
    public static Histogram Of(IEnumerable<double> values, int bins = 20, double min = 0, double max = 1)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!double.IsFinite(min) || !double.IsFinite(max) || min >= max)
            throw new ArgumentException($"the range must be finite with min < max, got [{min}, {max}]", nameof(min));
        var counts = new int[bins];
        int index = 0;
        foreach (double value in values)
        {
            if (double.IsNaN(value)) throw new ArgumentException($"value {index} is NaN", nameof(values));
            int bin = (int)Math.Floor((value - min) / (max - min) * bins);
            counts[Math.Clamp(bin, 0, bins - 1)]++;
            index++;
        }
        return new Histogram(min, max, counts);
    }

    /// <summary>The top-1 probability of every row of <paramref name="predictions"/>.</summary>
    public static Histogram OfConfidence(Predictions predictions, int bins = 20)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return Of(Enumerable.Range(0, predictions.Count).Select(i => (double)predictions.Max(i)), bins);
    }

    /// <summary>The margin (top-1 minus top-2 probability) of every row of <paramref name="predictions"/>.</summary>
    public static Histogram OfMargin(Predictions predictions, int bins = 20)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return Of(Enumerable.Range(0, predictions.Count).Select(i => (double)predictions.Margin(i)), bins);
    }

    /// <summary>Lower edge of bin <paramref name="bin"/>.</summary>
    public double LowerEdge(int bin) => Min + CheckBin(bin) * BinWidth;

    /// <summary>Upper edge of bin <paramref name="bin"/>.</summary>
    public double UpperEdge(int bin) => bin == Bins - 1 ? Max : Min + (CheckBin(bin) + 1) * BinWidth;

    /// <summary>"0.90–0.95".</summary>
    public string Label(int bin) => string.Create(CultureInfo.InvariantCulture, $"{LowerEdge(bin):0.00}–{UpperEdge(bin):0.00}");

    /// <summary>
    /// A bar per bin, highest values on top (as a threshold is read: "everything above"). Bins reaching past
    /// <paramref name="threshold"/> are highlighted when one is given (e.g. the pseudo-label threshold).
    /// </summary>
    public BarChart ToChart(string title = "", string valueName = "value", double? threshold = null, string highlight = "#d62728")
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(valueName);
        var bars = Enumerable.Range(0, Bins).Reverse()
            .Select(b => new BarItem($"{valueName} {Label(b)}", Counts[b], threshold is { } t && UpperEdge(b) > t ? highlight : null))
            .ToArray();
        return new BarChart(bars, title, "samples", "0");
    }

    private int CheckBin(int bin) =>
        (uint)bin < (uint)Bins ? bin : throw new ArgumentOutOfRangeException(nameof(bin), bin, $"bin must be in 0..{Bins - 1}");
}
