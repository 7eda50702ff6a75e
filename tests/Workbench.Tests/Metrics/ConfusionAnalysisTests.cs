using Workbench.Metrics;

namespace Workbench.Tests.Metrics;

public sealed class ConfusionAnalysisTests
{
    private static readonly int[][] Jagged = [[8, 2, 0], [1, 6, 3], [0, 0, 0]];
    private static readonly string[] Names = ["metamyelocyte", "band neutrophil", "segmented neutrophil"];

    [Fact]
    public void Rows_are_normalised_by_their_totals_and_an_empty_row_stays_zero()
    {
        var rates = ConfusionAnalysis.RowNormalised(ConfusionAnalysis.ToArray(Jagged));

        Assert.Equal(0.8, rates[0, 0], 12);
        Assert.Equal(0.2, rates[0, 1], 12);
        Assert.Equal(0.3, rates[1, 2], 12);
        Assert.Equal(0, rates[2, 2]);
    }

    [Fact]
    public void Sub_matrix_keeps_the_named_classes_in_the_given_order()
    {
        var counts = ConfusionAnalysis.ToArray(Jagged);
        var indices = ConfusionAnalysis.IndicesOf(Names, ["Band Neutrophil", "metamyelocyte"]);
        var sub = ConfusionAnalysis.SubMatrix(counts, indices);

        Assert.Equal([1, 0], indices);
        Assert.Equal(new[,] { { 6, 1 }, { 2, 8 } }, sub);
    }

    [Fact]
    public void Top_confusions_are_the_largest_off_diagonal_cells()
    {
        var top = ConfusionAnalysis.TopConfusions(ConfusionAnalysis.ToArray(Jagged), Names, 2);

        Assert.Equal(2, top.Count);
        Assert.Equal(new ConfusedPair(1, 2, "band neutrophil", "segmented neutrophil", 3, 0.3), top[0]);
        Assert.Equal((0, 1, 2), (top[1].TrueClass, top[1].PredictedClass, top[1].Count));
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_reason()
    {
        Assert.Contains("row 1", Assert.Throws<ArgumentException>(() => ConfusionAnalysis.ToArray([[1, 2], [3]])).Message);
        Assert.Contains("band neutrophil", Assert.Throws<ArgumentException>(() => ConfusionAnalysis.IndicesOf(Names, ["basophil"])).Message);
        Assert.Throws<ArgumentException>(() => ConfusionAnalysis.SubMatrix(new int[2, 2], [2]));
        Assert.Throws<ArgumentException>(() => ConfusionAnalysis.RowNormalised(new int[2, 3]));
    }

    [Fact]
    public void Rows_with_other_keep_each_row_whole_so_the_normalised_diagonal_is_the_recall()
    {
        // Four classes; rows 0 and 2 kept. Row 0 has 10 samples: 6 right, 1 to class 2, 3 to classes 1 and 3 (other).
        var counts = new[,] { { 6, 2, 1, 1 }, { 0, 5, 0, 0 }, { 1, 0, 7, 2 }, { 0, 0, 0, 4 } };

        var rows = ConfusionAnalysis.RowsWithOther(counts, [0, 2]);

        Assert.Equal(new[,] { { 6, 1, 3 }, { 1, 7, 2 } }, rows);
        var rates = new Workbench.Display.ConfusionMatrixChart(rows, ["a", "c"], ["a", "c", "other"], normalizeRows: true);
        Assert.Equal(0.6, rates.CellValue(0, 0), 12);      // the recall 6/10, not 6/7 as within the kept columns
        Assert.Equal(0.7, rates.CellValue(1, 1), 12);
        Assert.Throws<ArgumentException>(() => ConfusionAnalysis.RowsWithOther(counts, [0, 0]));
        Assert.Throws<ArgumentException>(() => ConfusionAnalysis.RowsWithOther(counts, [4]));
        Assert.Throws<ArgumentException>(() => ConfusionAnalysis.RowsWithOther(counts, []));
    }
}
