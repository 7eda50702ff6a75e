// Display layer: stacked vertical bars.
using System.Globalization;
using ScottPlot;

namespace Workbench.Display;

/// <summary>
/// Stacked vertical bars: one bar per group (round or class), one colour per category (where the
/// labelled samples came from), with the total above each bar and a legend on the right.
/// </summary>
public sealed class ClassBalanceChart : SvgChart
{
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

    private protected override (Plot Plot, int Width, int Height) Draw()
    {
        var plot = ScottPlotSvg.NewPlot(Title, GroupAxisLabel, ValueAxisLabel);
        var stacked = new double[Groups.Count];
        for (int c = 0; c < Categories.Count; c++)
        {
            var color = ScottPlotSvg.Hex(ChartPalette.ForIndex(c));
            var bars = new List<Bar>();
            for (int g = 0; g < Groups.Count; g++)
            {
                double count = _entries.Where(e => e.Group == Groups[g] && e.Category == Categories[c]).Sum(e => e.Count);
                if (count <= 0) continue;
                bars.Add(new Bar { Position = g, ValueBase = stacked[g], Value = stacked[g] + count, Size = 0.68, FillColor = color, LineColor = Colors.White, LineWidth = 0.5f });
                stacked[g] += count;
            }
            if (bars.Count > 0) plot.Add.Bars(bars);
        }
        for (int g = 0; g < Groups.Count; g++)
        {
            ScottPlotSvg.AddText(plot, Format(stacked[g]), g, stacked[g], Alignment.LowerCenter, 10, ChartPalette.Axis).OffsetY = -3;
        }
        // The legend lists the top of the stack first, so it reads in the same order as the bars.
        for (int c = Categories.Count - 1; c >= 0; c--)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = Categories[c], FillColor = ScottPlotSvg.Hex(ChartPalette.ForIndex(c)) });
        plot.ShowLegend(Edge.Right);

        double slot = Math.Clamp(600.0 / Groups.Count, 26, 72);
        plot.Axes.Bottom.TickGenerator = ScottPlotSvg.CategoryTicks(Groups);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.IsVisible = false;
        double labelsHeight = ScottPlotSvg.RotateLongLabels(plot, Groups, slot, legendOnRight: true);
        plot.Axes.SetLimitsX(-0.5, Groups.Count - 0.5);
        plot.Axes.SetLimitsY(0, Math.Max(stacked.Max(), 1) * 1.1);
        double body = 86 + Math.Max(slot * Groups.Count, 240);
        return (plot, ScottPlotSvg.Width(body, Categories),
            (int)Math.Ceiling((Title.Length > 0 ? 44 : 16) + 260 + labelsHeight + 30));
    }

    private static string Format(double value) =>
        value == Math.Round(value) ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);
}
