// Display layer: a confusion-matrix heat map.
using System.Globalization;
using ScottPlot;

namespace Workbench.Display;

/// <summary>
/// A confusion-matrix heat map: rows are true classes, columns predicted classes, each cell shows
/// its count or (with <c>normalizeRows</c>) the fraction of its row, i.e. per-class recall on the diagonal.
/// </summary>
public sealed class ConfusionMatrixChart : SvgChart
{
    private readonly int[,] _counts;

    /// <summary>Creates the chart; <paramref name="counts"/>[t, p] counts samples of true class t predicted as p.</summary>
    public ConfusionMatrixChart(int[,] counts, IReadOnlyList<string> classNames, bool normalizeRows = false, string title = "Confusion matrix")
        : base(title)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        int n = classNames.Count;
        if (n == 0) throw new ArgumentException("at least one class name is required", nameof(classNames));
        if (counts.GetLength(0) != n || counts.GetLength(1) != n)
        {
            throw new ArgumentException(
                $"counts is {counts.GetLength(0)}x{counts.GetLength(1)} but there are {n} class names", nameof(counts));
        }
        foreach (int c in counts)
        {
            if (c < 0) throw new ArgumentException($"counts must be non-negative, found {c}", nameof(counts));
        }
        _counts = (int[,])counts.Clone();
        ClassNames = classNames.ToArray();
        NormalizeRows = normalizeRows;
    }

    /// <summary>Class names, in row/column order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Whether cells show row fractions instead of counts.</summary>
    public bool NormalizeRows { get; }

    /// <summary>The value shown in cell [t, p]: the count, or the row fraction (0 for an empty row).</summary>
    public double CellValue(int trueClass, int predictedClass)
    {
        if (!NormalizeRows) return _counts[trueClass, predictedClass];
        long rowTotal = 0;
        for (int p = 0; p < ClassNames.Count; p++) rowTotal += _counts[trueClass, p];
        return rowTotal == 0 ? 0 : (double)_counts[trueClass, predictedClass] / rowTotal;
    }

    private protected override (Plot Plot, int Width, int Height) Draw()
    {
        int n = ClassNames.Count;
        double cell = Math.Clamp(520.0 / n, 24, 64);
        float valueFont = (float)Math.Clamp(cell * 0.3, 8, 13);
        var plot = ScottPlotSvg.NewPlot(Title, "Predicted label", "True label");
        double maxValue = 0;
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
                maxValue = Math.Max(maxValue, CellValue(t, p));
        // Row t is drawn at y = n - 1 - t, so the first class is the top row.
        for (int t = 0; t < n; t++)
        {
            for (int p = 0; p < n; p++)
            {
                double value = CellValue(t, p);
                double intensity = NormalizeRows ? value : maxValue == 0 ? 0 : value / maxValue;
                double y = n - 1 - t;
                var square = plot.Add.Rectangle(p - 0.5, p + 0.5, y - 0.5, y + 0.5);
                square.FillColor = ScottPlotSvg.Hex(ChartPalette.Sequential(intensity));
                square.LineColor = Colors.White;
                square.LineWidth = 1;
                ScottPlotSvg.AddText(plot, FormatValue(value), p, y, Alignment.MiddleCenter, valueFont, intensity > 0.55 ? "#ffffff" : ChartPalette.Text, bold: t == p);
            }
        }
        plot.Axes.Left.TickGenerator = ScottPlotSvg.CategoryTicks(ClassNames, reversed: true);
        plot.Axes.Bottom.TickGenerator = ScottPlotSvg.CategoryTicks(ClassNames);
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
            axis.MajorTickStyle.Length = 0;
        plot.Axes.Frame(false);
        plot.HideGrid();
        double columnLabels = ScottPlotSvg.RotateLongLabels(plot, ClassNames, cell, legendOnRight: false);
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);

        // A fixed data area keeps the cells square.
        double rowLabels = ClassNames.Max(name => ScottPlotSvg.TextWidth(name, 11));
        int left = (int)Math.Ceiling(36 + rowLabels + 8), top = Title.Length > 0 ? 40 : 12, grid = (int)Math.Round(cell * n);
        // Turned column labels reach past the last column by about their height.
        int bottom = (int)Math.Ceiling(columnLabels + 28), right = columnLabels > 20 ? (int)Math.Ceiling(columnLabels) : 16;
        int width = Math.Max(left + grid + right, (int)Math.Ceiling(ScottPlotSvg.TextWidth(Title, 15, bold: true) + 2 * Math.Max(0, left - right) + 20));
        right = width - left - grid;
        plot.Layout.Fixed(new PixelPadding(left, right, bottom, top));
        return (plot, width, top + grid + bottom);
    }

    private string FormatValue(double value) => NormalizeRows
        ? value.ToString("0.00", CultureInfo.InvariantCulture)
        : value.ToString("0", CultureInfo.InvariantCulture);
}
