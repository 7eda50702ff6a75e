// Display layer: accuracy (or any fraction) over rounds.
using System.Globalization;

namespace Workbench.Display;

/// <summary>
/// Accuracy (or any fraction) over rounds: per series a solid mean line with a shaded mean ± std
/// band and, when given, the published numbers as a dashed line with open markers. The y axis is in %.
/// </summary>
public sealed class LearningCurveChart : SvgChart
{
    private const double PlotWidth = 440, PlotHeight = 280, Left = 64;

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

    /// <inheritdoc />
    public override string ToSvg()
    {
        var all = Series.SelectMany(s => s.Points.Concat(s.Reference ?? [])).ToList();
        double xMin = all.Min(p => p.X), xMax = all.Max(p => p.X);
        double yLow = all.Min(p => p.Mean - p.Std) * 100, yHigh = all.Max(p => p.Mean + p.Std) * 100;
        var yTicks = AxisTicks.Nice(Math.Max(0, yLow - 1), Math.Min(100, yHigh + 1));
        var xTicks = IntegerTicks(xMin, xMax) ?? AxisTicks.Nice(xMin, xMax);
        double x0 = xTicks[0], x1 = xTicks[^1], y0 = yTicks[0], y1 = yTicks[^1];

        double legendWidth = Series.Max(s => SvgWriter.TextWidth(s.Name + " (published)", 12)) + 44;
        double top = Title.Length > 0 ? 44 : 16;
        double width = Left + PlotWidth + 20 + legendWidth;
        double height = top + PlotHeight + 52;
        var svg = new SvgWriter(width, height, Title);
        svg.Title(Title);
        double X(double v) => Left + (v - x0) / (x1 - x0) * PlotWidth;
        double Y(double fraction) => top + PlotHeight - (fraction * 100 - y0) / (y1 - y0) * PlotHeight;

        int yDecimals = AxisTicks.Decimals(AxisTicks.Step(yTicks));
        foreach (double t in yTicks)
        {
            double y = Y(t / 100);
            svg.Line(Left, y, Left + PlotWidth, y, ChartPalette.Grid);
            svg.Text(Left - 6, y + 4, t.ToString("F" + yDecimals, CultureInfo.InvariantCulture) + "%", "end", 11, ChartPalette.Axis);
        }
        int xDecimals = AxisTicks.Decimals(AxisTicks.Step(xTicks));
        foreach (double t in xTicks)
        {
            svg.Line(X(t), top + PlotHeight, X(t), top + PlotHeight + 4, ChartPalette.Axis);
            svg.Text(X(t), top + PlotHeight + 17, t.ToString("F" + xDecimals, CultureInfo.InvariantCulture), "middle", 11, ChartPalette.Axis);
        }
        svg.Line(Left, top + PlotHeight, Left + PlotWidth, top + PlotHeight, ChartPalette.Axis);
        svg.Line(Left, top, Left, top + PlotHeight, ChartPalette.Axis);

        for (int i = 0; i < Series.Count; i++)
        {
            var s = Series[i];
            string color = ChartPalette.ForIndex(i);
            var points = s.Points.OrderBy(p => p.X).ToList();
            if (points.Any(p => p.Std > 0))
            {
                var band = points.Select(p => (X(p.X), Y(p.Mean + p.Std)))
                    .Concat(points.AsEnumerable().Reverse().Select(p => (X(p.X), Y(p.Mean - p.Std)))).ToList();
                svg.Path(band, "none", 0, closed: true, fill: color, fillOpacity: 0.18);
            }
            svg.Path(points.Select(p => (X(p.X), Y(p.Mean))).ToList(), color, 2.5);
            foreach (var p in points)
            {
                svg.Circle(X(p.X), Y(p.Mean), 3.5, color, tooltip: $"{s.Name}, {XAxisLabel} {Num(p.X)}: {Percent(p.Mean)} ± {Percent(p.Std)}");
            }
            if (s.Reference is { Count: > 0 } reference)
            {
                var refPoints = reference.OrderBy(p => p.X).ToList();
                svg.Path(refPoints.Select(p => (X(p.X), Y(p.Mean))).ToList(), color, 1.5, dash: "6 4");
                foreach (var p in refPoints)
                {
                    svg.Circle(X(p.X), Y(p.Mean), 4, "#ffffff", color, tooltip: $"{s.Name} (published), {XAxisLabel} {Num(p.X)}: {Percent(p.Mean)}");
                }
            }
        }

        double legendX = Left + PlotWidth + 24, legendY = top + 10;
        for (int i = 0; i < Series.Count; i++)
        {
            string color = ChartPalette.ForIndex(i);
            svg.LegendEntry(legendX, legendY, color, Series[i].Name, asLine: true);
            legendY += 20;
            if (Series[i].Reference is { Count: > 0 })
            {
                svg.LegendEntry(legendX, legendY, color, Series[i].Name + " (published)", dash: "6 4", asLine: true);
                legendY += 20;
            }
        }

        svg.Text(Left + PlotWidth / 2, height - 8, XAxisLabel, "middle", 12, bold: true);
        svg.Text(16, top + PlotHeight / 2, YAxisLabel + " (%)", "middle", 12, bold: true, rotate: -90);
        return svg.Finish();
    }

    private static IReadOnlyList<double>? IntegerTicks(double min, double max)
    {
        // Rounds are integers; label every one of them when there are few.
        bool integral = min == Math.Round(min) && max == Math.Round(max);
        if (!integral || max - min > 20) return null;
        if (max == min) return [min - 1, min, min + 1];
        return Enumerable.Range(0, (int)(max - min) + 1).Select(i => min + i).ToArray();
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
