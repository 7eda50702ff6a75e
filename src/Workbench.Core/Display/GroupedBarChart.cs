// Display layer: vertical grouped bars.
using System.Globalization;

namespace Workbench.Display;

/// <summary>
/// Vertical grouped bars: one cluster per category (e.g. a round or a class), one coloured bar per
/// series (e.g. a method), with a legend. Values must be non-negative.
/// </summary>
public sealed class GroupedBarChart : SvgChart
{
    private const double PlotHeight = 240;

    /// <summary>Creates the chart; every series must have one value per category.</summary>
    public GroupedBarChart(IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, string title = "",
        string valueAxisLabel = "", string valueFormat = "0.##")
        : base(title)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(valueAxisLabel);
        ArgumentNullException.ThrowIfNull(valueFormat);
        if (categories.Count == 0) throw new ArgumentException("at least one category is required", nameof(categories));
        if (series.Count == 0) throw new ArgumentException("at least one series is required", nameof(series));
        foreach (var s in series)
        {
            if (s is null || s.Name is null || s.Values is null) throw new ArgumentException("series, names and values must not be null", nameof(series));
            if (s.Values.Count != categories.Count)
            {
                throw new ArgumentException($"series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories", nameof(series));
            }
            if (s.Values.Any(v => !double.IsFinite(v) || v < 0))
            {
                throw new ArgumentException($"series '{s.Name}' has a negative or non-finite value", nameof(series));
            }
        }
        Categories = categories.ToArray();
        Series = series.ToArray();
        ValueAxisLabel = valueAxisLabel;
        ValueFormat = valueFormat;
    }

    /// <summary>The clusters, left to right.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The series, in legend and bar order.</summary>
    public IReadOnlyList<BarSeries> Series { get; }

    /// <summary>The y-axis title.</summary>
    public string ValueAxisLabel { get; }

    /// <summary>The numeric format of the value labels above the bars.</summary>
    public string ValueFormat { get; }

    /// <inheritdoc />
    public override string ToSvg()
    {
        double barWidth = Math.Clamp(360.0 / (Categories.Count * Series.Count), 8, 28);
        double slot = barWidth * Series.Count + 18;
        double longestCategory = Categories.Max(c => SvgWriter.TextWidth(c, 11));
        bool rotate = longestCategory > slot - 4;
        double labelsHeight = rotate ? longestCategory * 0.71 + 14 : 20;
        double legendWidth = Series.Max(s => SvgWriter.TextWidth(s.Name, 12)) + 40;
        double left = 64, top = Title.Length > 0 ? 44 : 16;
        double plotWidth = Math.Max(slot * Categories.Count, 200);
        double width = left + plotWidth + 16 + legendWidth;
        double height = top + PlotHeight + labelsHeight + 30;
        var svg = new SvgWriter(width, height, Title);
        svg.Title(Title);

        var ticks = AxisTicks.Nice(0, Math.Max(Series.Max(s => s.Values.Max()), 1e-9));
        double yMax = ticks[^1];
        double Y(double v) => top + PlotHeight - v / yMax * PlotHeight;
        int decimals = AxisTicks.Decimals(AxisTicks.Step(ticks));
        foreach (double t in ticks)
        {
            svg.Line(left, Y(t), left + plotWidth, Y(t), ChartPalette.Grid);
            svg.Text(left - 6, Y(t) + 4, t.ToString("F" + decimals, CultureInfo.InvariantCulture), "end", 11, ChartPalette.Axis);
        }
        bool showValues = barWidth >= 16;
        double clusterSlot = plotWidth / Categories.Count;
        for (int c = 0; c < Categories.Count; c++)
        {
            double clusterLeft = left + c * clusterSlot + (clusterSlot - barWidth * Series.Count) / 2;
            for (int s = 0; s < Series.Count; s++)
            {
                double v = Series[s].Values[c];
                double x = clusterLeft + s * barWidth;
                string value = v.ToString(ValueFormat, CultureInfo.InvariantCulture);
                svg.Rect(x, Y(v), barWidth - 1, Y(0) - Y(v), ChartPalette.ForIndex(s), tooltip: $"{Categories[c]} / {Series[s].Name}: {value}");
                if (showValues) svg.Text(x + barWidth / 2, Y(v) - 3, value, "middle", 9, ChartPalette.Axis);
            }
            double labelX = left + c * clusterSlot + clusterSlot / 2, labelY = top + PlotHeight + 6;
            if (rotate) svg.Text(labelX + 4, labelY + 4, Categories[c], "end", 11, rotate: -45);
            else svg.Text(labelX, labelY + 10, Categories[c], "middle", 11);
        }
        svg.Line(left, top + PlotHeight, left + plotWidth, top + PlotHeight, ChartPalette.Axis);
        svg.Line(left, top, left, top + PlotHeight, ChartPalette.Axis);
        if (ValueAxisLabel.Length > 0) svg.Text(16, top + PlotHeight / 2, ValueAxisLabel, "middle", 12, bold: true, rotate: -90);
        for (int s = 0; s < Series.Count; s++)
        {
            svg.LegendEntry(left + plotWidth + 24, top + 8 + s * 20, ChartPalette.ForIndex(s), Series[s].Name);
        }
        return svg.Finish();
    }
}
