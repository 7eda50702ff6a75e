// Display layer: a confusion-matrix heat map.
using System.Globalization;

namespace Workbench.Display;

/// <summary>
/// A confusion-matrix heat map: rows are true classes, columns predicted classes, each cell shows
/// its count or (with <c>normalizeRows</c>) the fraction of its row, i.e. per-class recall on the diagonal.
/// </summary>
public sealed class ConfusionMatrixChart : SvgChart
{
    private const double LabelFont = 11;
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

    /// <inheritdoc />
    public override string ToSvg()
    {
        int n = ClassNames.Count;
        double cell = Math.Clamp(520.0 / n, 24, 64);
        double valueFont = Math.Clamp(cell * 0.3, 8, 13);
        double longestLabel = ClassNames.Max(name => SvgWriter.TextWidth(name, LabelFont));
        bool rotateColumns = longestLabel > cell - 4;
        double columnLabelHeight = rotateColumns ? longestLabel * 0.71 + 14 : 20;

        double gridLeft = 36 + longestLabel + 8;
        double gridTop = Title.Length > 0 ? 40 : 12;
        double grid = cell * n;
        double width = Math.Max(gridLeft + grid + 16, 240);
        double height = gridTop + grid + columnLabelHeight + 28;
        var svg = new SvgWriter(width, height, Title);
        svg.Title(Title);

        double maxValue = 0;
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
                maxValue = Math.Max(maxValue, CellValue(t, p));

        for (int t = 0; t < n; t++)
        {
            for (int p = 0; p < n; p++)
            {
                double value = CellValue(t, p);
                double intensity = NormalizeRows ? value : maxValue == 0 ? 0 : value / maxValue;
                double x = gridLeft + p * cell;
                double y = gridTop + t * cell;
                string label = FormatValue(value);
                svg.Rect(x, y, cell, cell, ChartPalette.Sequential(intensity), "#ffffff", 1,
                    tooltip: $"true {ClassNames[t]}, predicted {ClassNames[p]}: {label}");
                svg.Text(x + cell / 2, y + cell / 2 + valueFont * 0.35, label, "middle", valueFont,
                    intensity > 0.55 ? "#ffffff" : ChartPalette.Text, bold: t == p);
            }
        }

        for (int t = 0; t < n; t++)
        {
            svg.Text(gridLeft - 6, gridTop + t * cell + cell / 2 + 4, ClassNames[t], "end", LabelFont);
        }
        double labelTop = gridTop + grid + 6;
        for (int p = 0; p < n; p++)
        {
            double x = gridLeft + p * cell + cell / 2;
            if (rotateColumns) svg.Text(x + 4, labelTop + 4, ClassNames[p], "end", LabelFont, rotate: -45);
            else svg.Text(x, labelTop + 10, ClassNames[p], "middle", LabelFont);
        }

        svg.Text(gridLeft + grid / 2, height - 8, "Predicted label", "middle", 12, bold: true);
        double rowTitleY = gridTop + grid / 2;
        svg.Text(16, rowTitleY, "True label", "middle", 12, bold: true, rotate: -90);
        return svg.Finish();
    }

    private string FormatValue(double value) => NormalizeRows
        ? value.ToString("0.00", CultureInfo.InvariantCulture)
        : value.ToString("0", CultureInfo.InvariantCulture);
}
