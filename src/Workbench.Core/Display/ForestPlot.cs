// Display layer: a forest plot -- estimates with intervals, one row each, against a zero line.
using System.Globalization;
using ScottPlot;

namespace Workbench.Display;

/// <summary>
/// A forest plot: one row per estimate (e.g. a comparison between two arms), its interval as a horizontal bar and the
/// estimate as a mark, against a dashed line at zero; highlighted rows (e.g. the comparisons that survive Holm's
/// adjustment) get a filled diamond, the others an open circle. Rows come in named groups, top to bottom, and each row's
/// "estimate [low, high]" is printed on the right. Rows named after a strategy take its colour.
/// </summary>
public sealed class ForestPlot : SvgChart
{
    /// <summary>
    /// Creates the plot. <paramref name="valueFormat"/> formats the printed numbers; <paramref name="highlightedLegend"/>
    /// and <paramref name="otherLegend"/> say in the legend what the two marks mean.
    /// </summary>
    public ForestPlot(IReadOnlyList<ForestGroup> groups, string title = "", string axisLabel = "Difference",
        string highlightedLegend = "highlighted", string otherLegend = "not highlighted", string valueFormat = "+0.0;-0.0;0.0")
        : base(title)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(axisLabel);
        ArgumentNullException.ThrowIfNull(highlightedLegend);
        ArgumentNullException.ThrowIfNull(otherLegend);
        ArgumentNullException.ThrowIfNull(valueFormat);
        if (groups.Count == 0 || groups.All(g => g?.Rows is null || g.Rows.Count == 0))
            throw new ArgumentException("a forest plot needs at least one row", nameof(groups));
        foreach (var group in groups)
        {
            if (group?.Name is null || group.Rows is null) throw new ArgumentException("groups, their names and rows must not be null", nameof(groups));
            foreach (var row in group.Rows)
            {
                if (row?.Label is null) throw new ArgumentException("rows and their labels must not be null", nameof(groups));
                bool missing = double.IsNaN(row.Estimate);
                if (!missing && !(double.IsFinite(row.Estimate) && double.IsFinite(row.Low) && double.IsFinite(row.High) && row.Low <= row.High))
                    throw new ArgumentException($"row '{row.Label}' has estimate {row.Estimate} in [{row.Low}, {row.High}]; need finite numbers with low <= high", nameof(groups));
            }
        }
        Groups = groups.Select(g => g with { Rows = g.Rows.ToArray() }).ToArray();
        AxisLabel = axisLabel;
        HighlightedLegend = highlightedLegend;
        OtherLegend = otherLegend;
        ValueFormat = valueFormat;
    }

    /// <summary>The groups, top to bottom.</summary>
    public IReadOnlyList<ForestGroup> Groups { get; }

    /// <summary>The x-axis title.</summary>
    public string AxisLabel { get; }

    /// <summary>What a filled diamond means, in the legend.</summary>
    public string HighlightedLegend { get; }

    /// <summary>What an open circle means, in the legend.</summary>
    public string OtherLegend { get; }

    /// <summary>The .NET numeric format of the printed numbers.</summary>
    public string ValueFormat { get; }

    /// <summary>"+10.8 [+8.5, +13.1]", or "n/a" for a row without an estimate: the text printed on the right of a row.</summary>
    public string Summary(ForestRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return double.IsNaN(row.Estimate) ? "n/a" : $"{Format(row.Estimate)} [{Format(row.Low)}, {Format(row.High)}]";
    }

    private protected override (Plot Plot, int Width, int Height) Draw()
    {
        var plot = ScottPlotSvg.NewPlot(Title, AxisLabel, "");
        var rows = Groups.SelectMany(g => g.Rows).ToList();
        var styles = ChartPalette.ForStrategies(rows.Select(r => r.Strategy ?? "").ToList());
        int lines = Groups.Sum(g => g.Rows.Count + 1);
        var left = new List<Tick>();
        var right = new List<Tick>();
        var headers = new List<(string Name, double Y)>();
        int line = 0, index = 0;
        foreach (var group in Groups)
        {
            // A group's name takes a line of its own, written in the plot; y counts down from the top line.
            headers.Add((group.Name, lines - 1 - line++));
            foreach (var row in group.Rows)
            {
                double y = lines - 1 - line++;
                left.Add(new Tick(y, row.Label, isMajor: true));
                right.Add(new Tick(y, Summary(row), isMajor: true));
                var color = ScottPlotSvg.Hex(row.Strategy is null ? ChartPalette.Text : styles[index].Color);
                index++;
                if (double.IsNaN(row.Estimate)) continue;
                var interval = plot.Add.Line(row.Low, y, row.High, y);
                interval.Color = color;
                interval.LineWidth = 2;
                interval.MarkerShape = MarkerShape.VerticalBar;
                interval.MarkerSize = 8;
                interval.MarkerLineWidth = 2;
                interval.MarkerColor = color;
                var mark = plot.Add.Marker(row.Estimate, y, row.Highlighted ? MarkerShape.FilledDiamond : MarkerShape.FilledCircle, row.Highlighted ? 13 : 9, color);
                if (row.Highlighted) continue;
                mark.MarkerStyle.FillColor = Colors.White;
                mark.MarkerStyle.OutlineColor = color;
                mark.MarkerStyle.OutlineWidth = 2;
            }
        }
        var zero = plot.Add.VerticalLine(0, 1, ScottPlotSvg.Hex(ChartPalette.Axis), LinePattern.Dashed);
        zero.LinePattern = new LinePattern([5, 4], 0, "zero");

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. left]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. right]);
        plot.Axes.Right.MajorTickStyle.Length = 0;
        plot.Axes.Right.TickLabelStyle.FontName = ScottPlotSvg.FontFamily;
        plot.Axes.Right.TickLabelStyle.FontSize = 11;
        plot.Grid.YAxisStyle.IsVisible = false;
        var finite = rows.Where(r => !double.IsNaN(r.Estimate)).ToList();
        double low = Math.Min(0, finite.Select(r => Math.Min(r.Low, r.Estimate)).DefaultIfEmpty(-1).Min());
        double high = Math.Max(0, finite.Select(r => Math.Max(r.High, r.Estimate)).DefaultIfEmpty(1).Max());
        double pad = Math.Max(high - low, 1e-9) * 0.05;
        plot.Axes.SetLimits(low - pad, high + pad, -0.7, lines - 0.3);
        plot.Axes.SetLimitsY(-0.7, lines - 0.3, plot.Axes.Right);
        foreach (var (name, y) in headers)
        {
            var text = ScottPlotSvg.AddText(plot, name, low - pad, y, Alignment.MiddleLeft, 11, ChartPalette.Text, bold: true);
            text.OffsetX = 4;
            text.LabelBackgroundColor = Colors.White;
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = HighlightedLegend, MarkerShape = MarkerShape.FilledDiamond, MarkerSize = 10, MarkerColor = ScottPlotSvg.Hex(ChartPalette.Text) });
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = OtherLegend,
            MarkerStyle = new MarkerStyle(MarkerShape.FilledCircle, 8, Colors.White) { OutlineColor = ScottPlotSvg.Hex(ChartPalette.Text), OutlineWidth = 2 },
        });
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;

        double labels = left.Max(t => ScottPlotSvg.TextWidth(t.Label, 11)) + 16;
        double headerWidth = headers.Max(h => ScottPlotSvg.TextWidth(h.Name, 11, bold: true)) + 20;
        double numbers = right.Max(t => ScottPlotSvg.TextWidth(t.Label, 11)) + 16;
        return (plot, (int)Math.Ceiling(labels + Math.Max(420, headerWidth) + numbers), (int)Math.Ceiling(22.0 * lines + (Title.Length > 0 ? 44 : 16) + 90));
    }

    private string Format(double value) => value.ToString(ValueFormat, CultureInfo.InvariantCulture);
}
