// Display layer: stacked vertical bars.
using System.Globalization;

namespace Workbench.Display;

/// <summary>
/// Stacked vertical bars: one bar per group (round or class), one colour per category (where the
/// labelled samples came from), with the total above each bar and a legend on the right.
/// </summary>
public sealed class ClassBalanceChart : SvgChart
{
    private const double PlotHeight = 260;
    private readonly IReadOnlyList<ClassBalanceEntry> _entries;

    /// <summary>
    /// Creates the chart. Groups keep their first-appearance order; categories follow
    /// <paramref name="categoryOrder"/> when given (bottom of the stack first), else first appearance.
    /// </summary>
    public ClassBalanceChart(IReadOnlyList<ClassBalanceEntry> entries, string title = "Labelled set by provenance",
        string groupAxisLabel = "Round", string valueAxisLabel = "Samples", IReadOnlyList<string>? categoryOrder = null)
        : base(title)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(groupAxisLabel);
        ArgumentNullException.ThrowIfNull(valueAxisLabel);
        if (entries.Count == 0) throw new ArgumentException("at least one entry is required", nameof(entries));
        foreach (var e in entries)
        {
            if (e is null) throw new ArgumentException("entries must not contain null", nameof(entries));
            if (e.Group is null || e.Category is null) throw new ArgumentException("entry group and category must not be null", nameof(entries));
            if (!double.IsFinite(e.Count) || e.Count < 0)
            {
                throw new ArgumentException($"entry ({e.Group}, {e.Category}) has count {e.Count}; counts must be finite and >= 0", nameof(entries));
            }
        }
        _entries = entries.ToArray();
        GroupAxisLabel = groupAxisLabel;
        ValueAxisLabel = valueAxisLabel;
        Groups = _entries.Select(e => e.Group).Distinct().ToArray();
        var seen = _entries.Select(e => e.Category).Distinct().ToList();
        if (categoryOrder is not null)
        {
            var missing = seen.Where(c => !categoryOrder.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                throw new ArgumentException($"categoryOrder lacks categories: {string.Join(", ", missing)}", nameof(categoryOrder));
            }
            Categories = categoryOrder.Distinct().ToArray();
        }
        else
        {
            Categories = seen;
        }
    }

    /// <summary>The bars, left to right.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>The stack segments, bottom to top.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The x-axis title.</summary>
    public string GroupAxisLabel { get; }

    /// <summary>The y-axis title.</summary>
    public string ValueAxisLabel { get; }

    /// <summary>The total of one group over all categories.</summary>
    public double Total(string group) => _entries.Where(e => e.Group == group).Sum(e => e.Count);

    /// <inheritdoc />
    public override string ToSvg()
    {
        double slot = Math.Clamp(600.0 / Groups.Count, 26, 72);
        double longestGroup = Groups.Max(g => SvgWriter.TextWidth(g, 11));
        bool rotate = longestGroup > slot - 6;
        double labelsHeight = rotate ? longestGroup * 0.71 + 14 : 20;
        double legendWidth = Categories.Max(c => SvgWriter.TextWidth(c, 12)) + 40;

        double left = 70, top = Title.Length > 0 ? 44 : 16;
        double plotWidth = Math.Max(slot * Groups.Count, 240);
        double width = left + plotWidth + 16 + legendWidth;
        double height = top + PlotHeight + labelsHeight + 30;
        var svg = new SvgWriter(width, height, Title);
        svg.Title(Title);

        double maxTotal = Groups.Max(Total);
        var ticks = AxisTicks.Nice(0, Math.Max(maxTotal, 1));
        double yMax = ticks[^1];
        double Y(double v) => top + PlotHeight - v / yMax * PlotHeight;
        int tickDecimals = AxisTicks.Decimals(AxisTicks.Step(ticks));
        foreach (double tick in ticks)
        {
            svg.Line(left, Y(tick), left + plotWidth, Y(tick), ChartPalette.Grid);
            svg.Text(left - 6, Y(tick) + 4, tick.ToString("N" + tickDecimals, CultureInfo.InvariantCulture), "end", 11, ChartPalette.Axis);
        }

        double barSlot = plotWidth / Groups.Count;
        double barWidth = barSlot * 0.68;
        for (int g = 0; g < Groups.Count; g++)
        {
            string group = Groups[g];
            double x = left + g * barSlot + (barSlot - barWidth) / 2;
            double stacked = 0;
            for (int c = 0; c < Categories.Count; c++)
            {
                double count = _entries.Where(e => e.Group == group && e.Category == Categories[c]).Sum(e => e.Count);
                if (count <= 0) continue;
                svg.Rect(x, Y(stacked + count), barWidth, Y(stacked) - Y(stacked + count), ChartPalette.ForIndex(c),
                    "#ffffff", 0.5, tooltip: $"{group} / {Categories[c]}: {Format(count)}");
                stacked += count;
            }
            svg.Text(x + barWidth / 2, Y(stacked) - 4, Format(stacked), "middle", 10, ChartPalette.Axis);
            double labelX = x + barWidth / 2;
            double labelY = top + PlotHeight + 6;
            if (rotate) svg.Text(labelX + 4, labelY + 4, group, "end", 11, rotate: -45);
            else svg.Text(labelX, labelY + 10, group, "middle", 11);
        }

        svg.Line(left, top + PlotHeight, left + plotWidth, top + PlotHeight, ChartPalette.Axis);
        svg.Line(left, top, left, top + PlotHeight, ChartPalette.Axis);
        svg.Text(left + plotWidth / 2, height - 8, GroupAxisLabel, "middle", 12, bold: true);
        svg.Text(16, top + PlotHeight / 2, ValueAxisLabel, "middle", 12, bold: true, rotate: -90);

        double legendX = left + plotWidth + 24;
        // Legend lists the top of the stack first so it reads in the same order as the bars.
        for (int c = Categories.Count - 1, row = 0; c >= 0; c--, row++)
        {
            svg.LegendEntry(legendX, top + 8 + row * 20, ChartPalette.ForIndex(c), Categories[c]);
        }
        return svg.Finish();
    }

    private static string Format(double value) =>
        value == Math.Round(value) ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);
}
