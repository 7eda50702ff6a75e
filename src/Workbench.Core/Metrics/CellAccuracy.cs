namespace Workbench.Metrics;

/// <summary>
/// Which test cell (the independent unit) each test image shows, and the cell's class. Images of one cell are not
/// independent evidence: a model that gets a cell wrong tends to get most of its augmentations wrong.
/// </summary>
public sealed class CellIndex
{
    /// <summary>Groups images by <paramref name="cellOfImage"/> (any ids); image i has class <paramref name="labelOfImage"/>[i].</summary>
    /// <exception cref="ArgumentException">Lengths differ, there are no images, or one cell holds two classes.</exception>
    public CellIndex(IReadOnlyList<int> cellOfImage, IReadOnlyList<int> labelOfImage)
    {
        ArgumentNullException.ThrowIfNull(cellOfImage);
        ArgumentNullException.ThrowIfNull(labelOfImage);
        if (cellOfImage.Count != labelOfImage.Count || cellOfImage.Count == 0)
            throw new ArgumentException($"Need one cell and one label per image, got {cellOfImage.Count} and {labelOfImage.Count}.", nameof(labelOfImage));
        var ids = cellOfImage.Distinct().Order().ToArray();
        var position = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        CellIds = ids;
        ImageCell = cellOfImage.Select(c => position[c]).ToArray();
        var labels = Enumerable.Repeat(-1, ids.Length).ToArray();
        var sizes = new int[ids.Length];
        for (int i = 0; i < ImageCell.Count; i++)
        {
            int c = ImageCell[i];
            if (labels[c] >= 0 && labels[c] != labelOfImage[i])
                throw new ArgumentException($"Cell {ids[c]} holds images of classes {labels[c]} and {labelOfImage[i]}.", nameof(labelOfImage));
            labels[c] = labelOfImage[i];
            sizes[c]++;
        }
        CellLabels = labels;
        CellSizes = sizes;
        ClassCount = labels.Max() + 1;
    }

    /// <summary>The caller's cell ids, in the order of the compact cell index 0..CellCount-1.</summary>
    public IReadOnlyList<int> CellIds { get; }

    /// <summary>Compact cell index of each image.</summary>
    public IReadOnlyList<int> ImageCell { get; }

    /// <summary>Class of each cell.</summary>
    public IReadOnlyList<int> CellLabels { get; }

    /// <summary>Images of each cell.</summary>
    public IReadOnlyList<int> CellSizes { get; }

    /// <summary>Number of cells (independent test units).</summary>
    public int CellCount => CellIds.Count;

    /// <summary>Number of images.</summary>
    public int ImageCount => ImageCell.Count;

    /// <summary>One more than the largest class label.</summary>
    public int ClassCount { get; }

    /// <summary>Cells per class label (0 for a label without cells).</summary>
    public IReadOnlyList<int> CellsPerClass =>
        Enumerable.Range(0, ClassCount).Select(k => CellLabels.Count(l => l == k)).ToArray();

    /// <summary>A copy of per-cell correct counts, checked against the cells' sizes.</summary>
    /// <exception cref="ArgumentException">Another number of counts than cells, or a count outside 0..size.</exception>
    public int[] CheckCounts(IReadOnlyList<int> correctByCell)
    {
        ArgumentNullException.ThrowIfNull(correctByCell);
        if (correctByCell.Count != CellCount)
            throw new ArgumentException($"Need one count per cell ({CellCount}), got {correctByCell.Count}.", nameof(correctByCell));
        for (int c = 0; c < CellCount; c++)
            if (correctByCell[c] < 0 || correctByCell[c] > CellSizes[c])
                throw new ArgumentException($"Cell {CellIds[c]} has {CellSizes[c]} images, not {correctByCell[c]} correct ones.", nameof(correctByCell));
        return correctByCell.ToArray();
    }

    /// <summary>Correctly classified images per cell, from one correctness flag per image.</summary>
    public int[] CorrectPerCell(IReadOnlyList<bool> correct)
    {
        ArgumentNullException.ThrowIfNull(correct);
        if (correct.Count != ImageCount)
            throw new ArgumentException($"Need one flag per image ({ImageCount}), got {correct.Count}.", nameof(correct));
        var counts = new int[CellCount];
        for (int i = 0; i < correct.Count; i++)
            if (correct[i]) counts[ImageCell[i]]++;
        return counts;
    }
}

/// <summary>What is averaged: images, cells, or cells within class then classes.</summary>
public enum CellMetric
{
    /// <summary>Share of correct images (the usual accuracy; a cell weighs as many images as it has).</summary>
    PerImage,

    /// <summary>Mean over cells of each cell's accuracy (every cell weighs the same).</summary>
    PerCell,

    /// <summary>Mean over classes of the per-cell accuracy within the class (BCCD TEST: 48 of 71 cells are neutrophils).</summary>
    ClassBalanced,
}

/// <summary>Accuracy of one model per image, per cell and class-balanced per cell, with the counts behind it.</summary>
public sealed record CellAccuracy(double PerImage, double PerCell, double ClassBalanced, int Images, int Cells, IReadOnlyList<int> CellsPerClass)
{
    /// <summary>The three accuracies of <paramref name="correct"/> (one flag per image of <paramref name="cells"/>).</summary>
    public static CellAccuracy Of(CellIndex cells, IReadOnlyList<bool> correct)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return FromCounts(cells, cells.CorrectPerCell(correct));
    }

    /// <summary>The three accuracies from correct images per cell (<paramref name="correctByCell"/>[c] of cell c's images).</summary>
    /// <exception cref="ArgumentException">Another number of counts than cells, or a count above its cell's size.</exception>
    public static CellAccuracy FromCounts(CellIndex cells, IReadOnlyList<int> correctByCell)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var counts = cells.CheckCounts(correctByCell);
        var all = Enumerable.Range(0, cells.CellCount).ToArray();
        return new CellAccuracy(
            Compute(CellMetric.PerImage, cells, counts, all), Compute(CellMetric.PerCell, cells, counts, all),
            Compute(CellMetric.ClassBalanced, cells, counts, all), cells.ImageCount, cells.CellCount, cells.CellsPerClass);
    }

    /// <summary>The value of <paramref name="metric"/>.</summary>
    public double Get(CellMetric metric) => metric switch
    {
        CellMetric.PerImage => PerImage,
        CellMetric.PerCell => PerCell,
        CellMetric.ClassBalanced => ClassBalanced,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>
    /// <paramref name="metric"/> over the cells <paramref name="picks"/> (a bootstrap draw may repeat a cell), given the
    /// correct images per cell. Classes without a picked cell are left out of the class-balanced mean.
    /// </summary>
    internal static double Compute(CellMetric metric, CellIndex cells, int[] correct, int[] picks)
    {
        switch (metric)
        {
            case CellMetric.PerImage:
            {
                long right = 0, total = 0;
                foreach (var c in picks) { right += correct[c]; total += cells.CellSizes[c]; }
                return right / (double)total;
            }
            case CellMetric.PerCell:
            {
                double sum = 0;
                foreach (var c in picks) sum += correct[c] / (double)cells.CellSizes[c];
                return sum / picks.Length;
            }
            case CellMetric.ClassBalanced:
            {
                var sums = new double[cells.ClassCount];
                var counts = new int[cells.ClassCount];
                foreach (var c in picks)
                {
                    sums[cells.CellLabels[c]] += correct[c] / (double)cells.CellSizes[c];
                    counts[cells.CellLabels[c]]++;
                }
                double total = 0;
                int classes = 0;
                for (int k = 0; k < sums.Length; k++)
                    if (counts[k] > 0) { total += sums[k] / counts[k]; classes++; }
                return total / classes;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(metric), metric, null);
        }
    }
}
