// Display layer: horizontal bars with the value printed at the end of each bar, e.g.
using System.Globalization;

namespace Workbench.Display;

/// <summary>
/// Horizontal bars with the value printed at the end of each bar, e.g. per-class F1 or the number
/// of samples added per class. Values must be non-negative.
/// </summary>
public sealed class BarChart : SvgChart
{
    private const double RowHeight = 22, PlotWidth = 360;

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

    /// <inheritdoc />
    public override string ToSvg()
    {
        double labelWidth = Items.Max(i => SvgWriter.TextWidth(i.Label, 11));
        double left = labelWidth + 16, top = Title.Length > 0 ? 40 : 12;
        double plotHeight = RowHeight * Items.Count;
        double dataMax = Items.Max(i => i.Value);
        var ticks = MaxValue is { } fixedMax
            ? AxisTicks.Nice(0, fixedMax).Where(t => t <= fixedMax + 1e-9).ToList()
            : AxisTicks.Nice(0, Math.Max(dataMax, 1e-9));
        double axisMax = MaxValue ?? ticks[^1];
        double valueRoom = Items.Max(i => SvgWriter.TextWidth(Format(i.Value), 10)) + 8;
        double width = left + PlotWidth + valueRoom + 10;
        double height = top + plotHeight + (ValueAxisLabel.Length > 0 ? 48 : 30);
        var svg = new SvgWriter(width, height, Title);
        svg.Title(Title);
        double X(double v) => left + Math.Min(v, axisMax) / axisMax * PlotWidth;

        int decimals = AxisTicks.Decimals(AxisTicks.Step(ticks));
        foreach (double t in ticks)
        {
            svg.Line(X(t), top, X(t), top + plotHeight, ChartPalette.Grid);
            svg.Text(X(t), top + plotHeight + 15, t.ToString("F" + decimals, CultureInfo.InvariantCulture), "middle", 10, ChartPalette.Axis);
        }
        for (int i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            double y = top + i * RowHeight;
            string value = Format(item.Value);
            svg.Rect(left, y + 3, X(item.Value) - left, RowHeight - 6, item.Color ?? ChartPalette.Series[0], tooltip: $"{item.Label}: {value}");
            svg.Text(left - 6, y + RowHeight / 2 + 4, item.Label, "end", 11);
            svg.Text(X(item.Value) + 4, y + RowHeight / 2 + 4, value, "start", 10, ChartPalette.Axis);
        }
        svg.Line(left, top, left, top + plotHeight, ChartPalette.Axis);
        svg.Line(left, top + plotHeight, left + PlotWidth, top + plotHeight, ChartPalette.Axis);
        if (ValueAxisLabel.Length > 0) svg.Text(left + PlotWidth / 2, height - 8, ValueAxisLabel, "middle", 12, bold: true);
        return svg.Finish();
    }

    private string Format(double value) => value.ToString(ValueFormat, CultureInfo.InvariantCulture);
}
