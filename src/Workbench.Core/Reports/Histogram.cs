using System.Globalization;
using Workbench.Display;
using Workbench.Engine;

namespace Workbench.Reports;

/// <summary>
/// Counts of values in bins over [<see cref="Min"/>, <see cref="Max"/>]; values outside go to the first or last bin and
/// the maximum itself to the last. Used to show how a round's confidences or margins are spread, and how many of them a
/// threshold lets through: with a threshold, a bin edge lies exactly on it, so "the bins above" are the selected ones.
/// </summary>
public sealed record Histogram
{
    private readonly double[] _edges;

    private Histogram(double[] edges, int[] counts)
    {
        _edges = edges;
        Counts = counts;
    }

    /// <summary>Lower edge of the first bin.</summary>
    public double Min => _edges[0];

    /// <summary>Upper edge of the last bin.</summary>
    public double Max => _edges[^1];

    /// <summary>Values per bin, lowest bin first.</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <summary>Bin edges, lowest first (one more than the bins).</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>Number of bins.</summary>
    public int Bins => Counts.Count;

    /// <summary>Mean width of a bin (the width of every bin for <see cref="Of"/>).</summary>
    public double BinWidth => (Max - Min) / Bins;

    /// <summary>Number of values counted.</summary>
    public int Total => Counts.Sum();

    /// <summary>Bins <paramref name="values"/> into <paramref name="bins"/> equal bins over [min, max].</summary>
    /// <exception cref="ArgumentException">A value is NaN, bins &lt; 1, or min ≥ max.</exception>
    public static Histogram Of(IEnumerable<double> values, int bins = 20, double min = 0, double max = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        CheckRange(min, max);
        return OfEdges(values, Enumerable.Range(0, bins + 1).Select(i => i == bins ? max : min + (max - min) * i / bins).ToArray());
    }

    /// <summary>
    /// Bins <paramref name="values"/> over [min, max] with an edge exactly at <paramref name="threshold"/>: the bins below
    /// and above it are each of equal width, about (max − min) / bins, and there is at least one on each side.
    /// </summary>
    /// <exception cref="ArgumentException">The threshold is not strictly inside (min, max), or as for <see cref="Of"/>.</exception>
    public static Histogram WithEdgeAt(IEnumerable<double> values, double threshold, int bins = 20, double min = 0, double max = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        CheckRange(min, max);
        if (!(threshold > min && threshold < max))
            throw new ArgumentException($"the threshold {threshold} must lie inside ({min}, {max})", nameof(threshold));
        double width = (max - min) / bins;
        int below = Math.Max(1, (int)Math.Round((threshold - min) / width)), above = Math.Max(1, (int)Math.Round((max - threshold) / width));
        var edges = Enumerable.Range(0, below).Select(i => min + (threshold - min) * i / below)
            .Concat(Enumerable.Range(0, above).Select(i => threshold + (max - threshold) * i / above)).Append(max).ToArray();
        return OfEdges(values, edges);
    }

    /// <summary>
    /// The top-1 probability of every row of <paramref name="predictions"/>, over [1/K, 1] (the top-1 of K classes is
    /// never below 1/K), with an edge at <paramref name="threshold"/> when one inside that range is given.
    /// </summary>
    public static Histogram OfConfidence(Predictions predictions, int bins = 20, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        double min = 1.0 / Math.Max(1, predictions.NumClasses);
        var values = Enumerable.Range(0, predictions.Count).Select(i => (double)predictions.Max(i));
        return threshold is { } t && t > min && t < 1 && bins >= 2 ? WithEdgeAt(values, t, bins, min) : Of(values, bins, min);
    }

    /// <summary>The margin (top-1 minus top-2 probability) of every row of <paramref name="predictions"/>.</summary>
    public static Histogram OfMargin(Predictions predictions, int bins = 20)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return Of(Enumerable.Range(0, predictions.Count).Select(i => (double)predictions.Margin(i)), bins);
    }

    /// <summary>Lower edge of bin <paramref name="bin"/>.</summary>
    public double LowerEdge(int bin) => _edges[CheckBin(bin)];

    /// <summary>Upper edge of bin <paramref name="bin"/>.</summary>
    public double UpperEdge(int bin) => _edges[CheckBin(bin) + 1];

    /// <summary>Values at or above <paramref name="threshold"/> when it is a bin edge (else those in the bins that start at or above it).</summary>
    public int CountFrom(double threshold) => Enumerable.Range(0, Bins).Where(b => LowerEdge(b) >= threshold - 1e-12).Sum(b => Counts[b]);

    /// <summary>"0.90–0.95".</summary>
    public string Label(int bin) => string.Create(CultureInfo.InvariantCulture, $"{LowerEdge(bin):0.00}–{UpperEdge(bin):0.00}");

    /// <summary>
    /// A bar per bin, highest values on top (as a threshold is read: "everything above"). Bins that lie entirely at or
    /// above <paramref name="threshold"/> are highlighted when one is given (e.g. the pseudo-label threshold).
    /// </summary>
    public BarChart ToChart(string title = "", string valueName = "value", double? threshold = null, string highlight = "#d62728")
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(valueName);
        var bars = Enumerable.Range(0, Bins).Reverse()
            .Select(b => new BarItem($"{valueName} {Label(b)}", Counts[b], threshold is { } t && LowerEdge(b) >= t - 1e-12 ? highlight : null))
            .ToArray();
        return new BarChart(bars, title, "samples", "0");
    }

    private static Histogram OfEdges(IEnumerable<double> values, double[] edges)
    {
        ArgumentNullException.ThrowIfNull(values);
        var counts = new int[edges.Length - 1];
        int index = 0;
        foreach (double value in values)
        {
            if (double.IsNaN(value)) throw new ArgumentException($"value {index} is NaN", nameof(values));
            int found = Array.BinarySearch(edges, value);
            int bin = found >= 0 ? found : ~found - 1;
            counts[Math.Clamp(bin, 0, counts.Length - 1)]++;
            index++;
        }
        return new Histogram(edges, counts);
    }

    private static void CheckRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min >= max)
            throw new ArgumentException($"the range must be finite with min < max, got [{min}, {max}]", nameof(min));
    }

    private int CheckBin(int bin) =>
        (uint)bin < (uint)Bins ? bin : throw new ArgumentOutOfRangeException(nameof(bin), bin, $"bin must be in 0..{Bins - 1}");
}
