// Display layer: vertical grouped bars.
using System.Globalization;
using ScottPlot;

namespace Workbench.Display;

/// <summary>
/// Vertical grouped bars: one cluster per category (e.g. a round or a class), one coloured bar per
/// series (e.g. a method), with a legend. Values must be non-negative. A series named after a strategy has the
/// strategy's colour (<see cref="ChartPalette.ForStrategies"/>).
/// </summary>
public sealed class GroupedBarChart : SvgChart
{
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

    private protected override (Plot Plot, int Width, int Height) Draw()
    {
        var plot = ScottPlotSvg.NewPlot(Title, "", ValueAxisLabel);
        var styles = ChartPalette.ForStrategies(Series.Select(s => s.Name).ToList());
        double barPixels = Math.Clamp(360.0 / (Categories.Count * Series.Count), 8, 28);
        double slotPixels = barPixels * Series.Count + 18;
        // Values are printed above the bars only where a bar is wide enough to carry one.
        bool showValues = barPixels >= 16;
        double bar = 0.8 / Series.Count;
        for (int s = 0; s < Series.Count; s++)
        {
            var color = ScottPlotSvg.Hex(styles[s].Color);
            var bars = Series[s].Values.Select((v, c) => new Bar
            {
                Position = c - 0.4 + bar * (s + 0.5), Value = v, Size = bar * 0.94, FillColor = color, LineWidth = 0,
                Label = showValues ? v.ToString(ValueFormat, CultureInfo.InvariantCulture) : "", LabelOffset = 3,
            }).ToList();
            var series = plot.Add.Bars(bars);
            series.LegendText = Series[s].Name;
            series.ValueLabelStyle.FontName = ScottPlotSvg.FontFamily;
            series.ValueLabelStyle.FontSize = 9;
            series.ValueLabelStyle.ForeColor = ScottPlotSvg.Hex(ChartPalette.Axis);
        }
        plot.Axes.Bottom.TickGenerator = ScottPlotSvg.CategoryTicks(Categories);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.IsVisible = false;
        double labelsHeight = ScottPlotSvg.RotateLongLabels(plot, Categories, slotPixels, legendOnRight: true);
        plot.Axes.SetLimitsX(-0.5, Categories.Count - 0.5);
        plot.Axes.SetLimitsY(0, Math.Max(Series.Max(s => s.Values.Max()), 1e-9) * 1.08);
        plot.ShowLegend(Edge.Right);
        double body = 80 + Math.Max(slotPixels * Categories.Count, 200);
        return (plot, ScottPlotSvg.Width(body, Series.Select(s => s.Name)),
            (int)Math.Ceiling((Title.Length > 0 ? 44 : 16) + 240 + labelsHeight + 30));
    }
}
