// Display layer: a confusion-matrix heat map.
using System.Globalization;
using ScottPlot;

namespace Workbench.Display;

/// <summary>
/// A confusion-matrix heat map: rows are true classes, columns predicted classes, each cell shows
/// its count or (with <c>normalizeRows</c>) the fraction of its row, i.e. per-class recall on the diagonal.
/// </summary>
/// <remarks>
/// A few rows can be shown whole with <see cref="FullRows"/>: their own columns plus one column for every other class, so
/// each row still sums to 1 and the diagonal is still the recall (a sub-matrix cut from the full one would renormalise
/// within the few columns kept and overstate it).
/// </remarks>
public sealed class ConfusionMatrixChart : SvgChart
{
    /// <summary>The column that <see cref="FullRows"/> gathers every other class into.</summary>
    public const string OtherColumn = "other classes";

    private readonly int[,] _counts;

    /// <summary>Creates the chart; <paramref name="counts"/>[t, p] counts samples of true class t predicted as p.</summary>
    public ConfusionMatrixChart(int[,] counts, IReadOnlyList<string> classNames, bool normalizeRows = false, string title = "Confusion matrix")
        : this(counts, classNames, classNames, normalizeRows, title)
    {
    }

    /// <summary>
    /// A chart of <paramref name="rowNames"/>.Count true classes by <paramref name="columnNames"/>.Count predicted ones;
    /// the cells where a row's name equals a column's name are the diagonal (bold). Rows are normalised over the columns
    /// given, so the columns must hold all of each row's samples for the diagonal to be a recall.
    /// </summary>
    public ConfusionMatrixChart(int[,] counts, IReadOnlyList<string> rowNames, IReadOnlyList<string> columnNames, bool normalizeRows = false,
        string title = "Confusion matrix")
        : base(title)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(rowNames);
        ArgumentNullException.ThrowIfNull(columnNames);
        if (rowNames.Count == 0) throw new ArgumentException("at least one class name is required", ReferenceEquals(rowNames, columnNames) ? "classNames" : nameof(rowNames));
        if (columnNames.Count == 0) throw new ArgumentException("at least one column name is required", nameof(columnNames));
        if (counts.GetLength(0) != rowNames.Count || counts.GetLength(1) != columnNames.Count)
        {
            throw new ArgumentException(ReferenceEquals(rowNames, columnNames)
                ? $"counts is {counts.GetLength(0)}x{counts.GetLength(1)} but there are {rowNames.Count} class names"
                : $"counts is {counts.GetLength(0)}x{counts.GetLength(1)} but there are {rowNames.Count} row and {columnNames.Count} column names", nameof(counts));
        }
        foreach (int c in counts)
        {
            if (c < 0) throw new ArgumentException($"counts must be non-negative, found {c}", nameof(counts));
        }
        _counts = (int[,])counts.Clone();
        RowNames = rowNames.ToArray();
        ColumnNames = columnNames.ToArray();
        NormalizeRows = normalizeRows;
    }

    /// <summary>
    /// The rows of <paramref name="rows"/> (class names) of the square matrix <paramref name="counts"/>, whole: their own
    /// columns and <see cref="OtherColumn"/> for the rest, each row normalised over all of its samples, so the diagonal is
    /// the class's recall on the full problem.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a class, or the matrix does not match the names.</exception>
    public static ConfusionMatrixChart FullRows(int[,] counts, IReadOnlyList<string> classNames, IReadOnlyList<string> rows, string title)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        if (counts.GetLength(0) != classNames.Count || counts.GetLength(1) != classNames.Count)
            throw new ArgumentException($"counts is {counts.GetLength(0)}x{counts.GetLength(1)} but there are {classNames.Count} class names", nameof(counts));
        var indices = Metrics.ConfusionAnalysis.IndicesOf(classNames, rows);
        var names = indices.Select(i => classNames[i]).ToArray();
        return new ConfusionMatrixChart(Metrics.ConfusionAnalysis.RowsWithOther(counts, indices), names, [.. names, OtherColumn], normalizeRows: true, title);
    }

    /// <summary>Class names, in row order (the true classes).</summary>
    public IReadOnlyList<string> ClassNames => RowNames;

    /// <summary>The true classes, top to bottom.</summary>
    public IReadOnlyList<string> RowNames { get; }

    /// <summary>The predicted classes (or groups of them), left to right.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Whether cells show row fractions instead of counts.</summary>
    public bool NormalizeRows { get; }

    /// <summary>The value shown in cell [t, p]: the count, or the row fraction (0 for an empty row).</summary>
    public double CellValue(int trueClass, int predictedClass)
    {
        if (!NormalizeRows) return _counts[trueClass, predictedClass];
        long rowTotal = 0;
        for (int p = 0; p < ColumnNames.Count; p++) rowTotal += _counts[trueClass, p];
        return rowTotal == 0 ? 0 : (double)_counts[trueClass, predictedClass] / rowTotal;
    }

    private protected override (Plot Plot, int Width, int Height) Draw()
    {
        int rows = RowNames.Count, columns = ColumnNames.Count;
        double cell = Math.Clamp(520.0 / Math.Max(rows, columns), 24, 64);
        float valueFont = (float)Math.Clamp(cell * 0.3, 8, 13);
        var plot = ScottPlotSvg.NewPlot(Title, "Predicted label", "True label");
        double maxValue = 0;
        for (int t = 0; t < rows; t++)
            for (int p = 0; p < columns; p++)
                maxValue = Math.Max(maxValue, CellValue(t, p));
        // Row t is drawn at y = rows - 1 - t, so the first class is the top row.
        for (int t = 0; t < rows; t++)
        {
            for (int p = 0; p < columns; p++)
            {
                double value = CellValue(t, p);
                double intensity = NormalizeRows ? value : maxValue == 0 ? 0 : value / maxValue;
                double y = rows - 1 - t;
                var square = plot.Add.Rectangle(p - 0.5, p + 0.5, y - 0.5, y + 0.5);
                square.FillColor = ScottPlotSvg.Hex(ChartPalette.Sequential(intensity));
                square.LineColor = Colors.White;
                square.LineWidth = 1;
                ScottPlotSvg.AddText(plot, FormatValue(value), p, y, Alignment.MiddleCenter, valueFont, intensity > 0.55 ? "#ffffff" : ChartPalette.Text,
                    bold: RowNames[t] == ColumnNames[p]);
            }
        }
        plot.Axes.Left.TickGenerator = ScottPlotSvg.CategoryTicks(RowNames, reversed: true);
        plot.Axes.Bottom.TickGenerator = ScottPlotSvg.CategoryTicks(ColumnNames);
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
            axis.MajorTickStyle.Length = 0;
        plot.Axes.Frame(false);
        plot.HideGrid();
        double columnLabels = ScottPlotSvg.RotateLongLabels(plot, ColumnNames, cell, legendOnRight: false);
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);

        // A fixed data area keeps the cells square.
        double rowLabels = RowNames.Max(name => ScottPlotSvg.TextWidth(name, 11));
        int left = (int)Math.Ceiling(36 + rowLabels + 8), top = Title.Length > 0 ? 40 : 12;
        int gridWidth = (int)Math.Round(cell * columns), gridHeight = (int)Math.Round(cell * rows);
        // Turned column labels reach past the last column by about their height.
        int bottom = (int)Math.Ceiling(columnLabels + 28), right = columnLabels > 20 ? (int)Math.Ceiling(columnLabels) : 16;
        // ScottPlot centres the title over the data area: widen the side it would cross, with 8 px to spare.
        double halfTitle = Title.Length == 0 ? 0 : ScottPlotSvg.TextWidth(Title, 15, bold: true) / 2 + 8;
        left = Math.Max(left, (int)Math.Ceiling(halfTitle - gridWidth / 2.0));
        int width = Math.Max(left + gridWidth + right, (int)Math.Ceiling(left + gridWidth / 2.0 + halfTitle));
        right = width - left - gridWidth;
        plot.Layout.Fixed(new PixelPadding(left, right, bottom, top));
        return (plot, width, top + gridHeight + bottom);
    }

    private string FormatValue(double value) => NormalizeRows
        ? value.ToString("0.00", CultureInfo.InvariantCulture)
        : value.ToString("0", CultureInfo.InvariantCulture);
}
