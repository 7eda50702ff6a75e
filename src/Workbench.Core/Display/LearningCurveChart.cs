// Display layer: accuracy (or any fraction) over rounds.
using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Workbench.Display;

/// <summary>
/// Accuracy (or any fraction) over rounds: per series a solid mean line with a shaded mean ± std
/// band and, when given, the published numbers as a dashed line with open markers. The y axis is in %. Each series has
/// its strategy's colour (<see cref="ChartPalette.ForStrategies"/>); a random control is lighter, dotted, with square markers.
/// </summary>
public sealed class LearningCurveChart : SvgChart
{
    /// <summary>Creates the chart; all means and stds are fractions (0.815 is shown as 81.5%).</summary>
    public LearningCurveChart(IReadOnlyList<LearningCurveSeries> series, string title = "Learning curve",
        string xAxisLabel = "Round", string yAxisLabel = "Accuracy")
        : base(title)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(xAxisLabel);
        ArgumentNullException.ThrowIfNull(yAxisLabel);
        if (series.Count == 0) throw new ArgumentException("at least one series is required", nameof(series));
        foreach (var s in series)
        {
            if (s is null || s.Name is null || s.Points is null) throw new ArgumentException("series, names and points must not be null", nameof(series));
            if (s.Points.Count == 0 && (s.Reference is null || s.Reference.Count == 0))
            {
                throw new ArgumentException($"series '{s.Name}' has no points", nameof(series));
            }
            foreach (var p in s.Points.Concat(s.Reference ?? []))
            {
                if (!double.IsFinite(p.X) || !double.IsFinite(p.Mean) || !double.IsFinite(p.Std) || p.Std < 0)
                {
                    throw new ArgumentException($"series '{s.Name}' has an invalid point {p}", nameof(series));
                }
            }
        }
        Series = series.ToArray();
        XAxisLabel = xAxisLabel;
        YAxisLabel = yAxisLabel;
    }

    /// <summary>The series, in legend order.</summary>
    public IReadOnlyList<LearningCurveSeries> Series { get; }

    /// <summary>The x-axis title.</summary>
    public string XAxisLabel { get; }

    /// <summary>The y-axis title (shown with "(%)").</summary>
    public string YAxisLabel { get; }

    private protected override (Plot Plot, int Width, int Height) Draw()
    {
        var plot = ScottPlotSvg.NewPlot(Title, XAxisLabel, YAxisLabel + " (%)");
        var styles = ChartPalette.ForStrategies(Series.Select(s => s.Name).ToList());
        for (int i = 0; i < Series.Count; i++)
        {
            var s = Series[i];
            var color = ScottPlotSvg.Hex(styles[i].Color);
            var points = s.Points.OrderBy(p => p.X).ToList();
            double[] xs = points.Select(p => p.X).ToArray();
            if (points.Any(p => p.Std > 0))
            {
                var band = plot.Add.FillY(xs, points.Select(p => (p.Mean - p.Std) * 100).ToArray(), points.Select(p => (p.Mean + p.Std) * 100).ToArray());
                band.FillColor = color.WithAlpha(0.18);
                band.LineWidth = 0;
            }
            if (points.Count > 0)
            {
                var line = plot.Add.Scatter(xs, points.Select(p => p.Mean * 100).ToArray(), color);
                line.LineWidth = 2.5f;
                line.LinePattern = styles[i].IsControl ? ControlPattern : LinePattern.Solid;
                line.MarkerShape = styles[i].IsControl ? MarkerShape.FilledSquare : MarkerShape.FilledCircle;
                line.MarkerSize = 7;
                line.LegendText = s.Name;
            }
            if (s.Reference is { Count: > 0 } reference)
            {
                var published = reference.OrderBy(p => p.X).ToList();
                var line = plot.Add.Scatter(published.Select(p => p.X).ToArray(), published.Select(p => p.Mean * 100).ToArray(), color);
                line.LineWidth = 1.5f;
                line.LinePattern = PublishedPattern;
                line.MarkerShape = MarkerShape.OpenCircle;
                line.MarkerSize = 8;
                line.MarkerLineWidth = 1.5f;
                line.LegendText = s.Name + " (published)";
            }
        }

        var all = Series.SelectMany(s => s.Points.Concat(s.Reference ?? [])).ToList();
        double low = all.Min(p => p.Mean - p.Std) * 100, high = all.Max(p => p.Mean + p.Std) * 100;
        plot.Axes.SetLimitsY(Math.Max(0, low - 1), Math.Min(100, high + 1));
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = v => v.ToString("0.##", CultureInfo.InvariantCulture) + "%" };
        double xMin = all.Min(p => p.X), xMax = all.Max(p => p.X);
        // Rounds are integers; label every one of them when there are few.
        if (xMin == Math.Round(xMin) && xMax == Math.Round(xMax) && xMax - xMin <= 20)
            plot.Axes.Bottom.TickGenerator = new NumericFixedInterval(1);
        plot.ShowLegend(Edge.Right);
        var legend = Series.SelectMany(s => s.Reference is { Count: > 0 } ? [s.Name, s.Name + " (published)"] : new[] { s.Name });
        return (plot, ScottPlotSvg.Width(540, legend), 400);
    }

    private static readonly LinePattern ControlPattern = new([2, 4], 0, "control");
    private static readonly LinePattern PublishedPattern = new([6, 4], 0, "published");
}
