// Display layer: horizontal bars with the value printed at the end of each bar, e.g.
using System.Globalization;
using ScottPlot;

namespace Workbench.Display;

/// <summary>
/// Horizontal bars with the value printed at the end of each bar, e.g. per-class F1 or the number
/// of samples added per class. Values must be non-negative.
/// </summary>
public sealed class BarChart : SvgChart
{
    /// <summary>
    /// Creates the chart. <paramref name="maxValue"/> fixes the axis end (e.g. 1 for F1); otherwise it
    /// is a nice number above the largest value. <paramref name="valueFormat"/> is a .NET numeric format.
    /// </summary>
    public BarChart(IReadOnlyList<BarItem> items, string title = "", string valueAxisLabel = "",
        string valueFormat = "0.###", double? maxValue = null)
        : base(title)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(valueAxisLabel);
        ArgumentNullException.ThrowIfNull(valueFormat);
        if (items.Count == 0) throw new ArgumentException("at least one bar is required", nameof(items));
        foreach (var item in items)
        {
            if (item is null || item.Label is null) throw new ArgumentException("bars and their labels must not be null", nameof(items));
            if (!double.IsFinite(item.Value) || item.Value < 0)
            {
                throw new ArgumentException($"bar '{item.Label}' has value {item.Value}; values must be finite and >= 0", nameof(items));
            }
        }
        if (maxValue is { } max && (!double.IsFinite(max) || max <= 0))
        {
            throw new ArgumentException($"maxValue must be positive, got {max}", nameof(maxValue));
        }
        Items = items.ToArray();
        ValueAxisLabel = valueAxisLabel;
        ValueFormat = valueFormat;
        MaxValue = maxValue;
    }

    /// <summary>The bars, top to bottom.</summary>
    public IReadOnlyList<BarItem> Items { get; }

    /// <summary>The value axis title.</summary>
    public string ValueAxisLabel { get; }

    /// <summary>The numeric format of the value labels.</summary>
    public string ValueFormat { get; }

    /// <summary>The fixed axis end, if any.</summary>
    public double? MaxValue { get; }

    private protected override (Plot Plot, int Width, int Height) Draw()
    {
        var plot = ScottPlotSvg.NewPlot(Title, ValueAxisLabel, "");
        var bars = Items.Select((item, i) => new Bar
        {
            Position = Items.Count - 1 - i, Value = item.Value, Size = 0.72, Orientation = Orientation.Horizontal,
            FillColor = ScottPlotSvg.Hex(item.Color ?? ChartPalette.Series[0]), LineWidth = 0,
            // Drawn last, so that a value past a fixed axis end is not clipped.
            Label = Format(item.Value), LabelOnTop = true, LabelOffset = 4,
        }).ToList();
        var values = plot.Add.Bars(bars);
        values.ValueLabelStyle.FontName = ScottPlotSvg.FontFamily;
        values.ValueLabelStyle.FontSize = 10;
        values.ValueLabelStyle.ForeColor = ScottPlotSvg.Hex(ChartPalette.Axis);
        plot.Axes.Left.TickGenerator = ScottPlotSvg.CategoryTicks(Items.Select(i => i.Label).ToList(), reversed: true);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.IsVisible = false;
        double valueRoom = Items.Max(i => ScottPlotSvg.TextWidth(Format(i.Value), 10)) + 12;
        double dataMax = Math.Max(Items.Max(i => i.Value), 1e-9);
        // Without a fixed end the axis leaves room for the longest value label (the plot is about 360 px wide).
        plot.Axes.SetLimitsX(0, MaxValue ?? dataMax * (1 + valueRoom / 360));
        plot.Axes.SetLimitsY(-0.5, Items.Count - 0.5);
        double labels = Items.Max(i => ScottPlotSvg.TextWidth(i.Label, 11)) + 16;
        // A value printed past a fixed axis end needs room on the right.
        if (MaxValue is not null) plot.Axes.Right.MinimumSize = (float)valueRoom;
        int width = ScottPlotSvg.Width(labels + 380 + (MaxValue is null ? 0 : valueRoom), []);
        return (plot, width, (int)(22 * Items.Count + (Title.Length > 0 ? 40 : 12) + (ValueAxisLabel.Length > 0 ? 48 : 30)));
    }

    private string Format(double value) => value.ToString(ValueFormat, CultureInfo.InvariantCulture);
}
