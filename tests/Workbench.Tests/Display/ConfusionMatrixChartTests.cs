using Workbench.Display;

namespace Workbench.Tests.Display;

public sealed class ConfusionMatrixChartTests
{
    private static readonly int[,] Counts = { { 3, 1, 0 }, { 0, 4, 0 }, { 2, 0, 8 } };
    private static readonly string[] Names = ["metamyelocyte", "band", "segmented"];

    [Fact]
    public void Counts_appear_in_the_cells()
    {
        var document = SvgAssert.WellFormed(new ConfusionMatrixChart(Counts, Names, false, "counts").ToSvg());
        var texts = SvgAssert.Texts(document);

        Assert.Equal(["3", "1", "0", "0", "4", "0", "2", "0", "8"], texts.Take(9));
        Assert.Contains("True label", texts);
        Assert.Contains("Predicted label", texts);
        Assert.Contains("counts", texts);
    }

    [Fact]
    public void Normalised_rows_show_fractions()
    {
        var chart = new ConfusionMatrixChart(Counts, Names, normalizeRows: true);
        var texts = SvgAssert.Texts(SvgAssert.WellFormed(chart.ToSvg()));

        Assert.Equal(["0.75", "0.25", "0.00", "0.00", "1.00", "0.00", "0.20", "0.00", "0.80"], texts.Take(9));
        Assert.Equal(0.75, chart.CellValue(0, 0));
    }

    [Fact]
    public void Empty_row_normalises_to_zero_instead_of_nan()
    {
        var chart = new ConfusionMatrixChart(new[,] { { 0, 0 }, { 1, 1 } }, ["a", "b"], normalizeRows: true);
        Assert.Equal(0, chart.CellValue(0, 1));
        Assert.DoesNotContain("NaN", chart.ToSvg());
    }

    [Fact]
    public void Long_column_names_are_rotated_and_short_ones_are_not()
    {
        var longNames = new ConfusionMatrixChart(Counts, Names).ToSvg();
        var shortNames = new ConfusionMatrixChart(Counts, ["a", "b", "c"]).ToSvg();

        // Skia writes a 45° turn as a matrix of cos 45° = sin 45° = 0.71.
        Assert.Contains("transform=\"matrix(0.71 0.71 -0.71 0.71", longNames);
        Assert.DoesNotContain("matrix(0.71 0.71", shortNames);
    }

    [Fact]
    public void Full_rows_show_the_recall_on_the_diagonal_and_the_rest_in_an_other_column()
    {
        // 4 classes, rows of the first two shown: metamyelocyte has 10 images, 6 right, 3 to the fourth class.
        var counts = new[,] { { 6, 1, 0, 3 }, { 2, 5, 1, 0 }, { 0, 0, 4, 0 }, { 0, 0, 0, 2 } };
        string[] names = ["metamyelocyte", "band neutrophil", "segmented neutrophil", "myelocyte"];

        var chart = ConfusionMatrixChart.FullRows(counts, names, ["metamyelocyte", "band neutrophil"], "Trio rows over all classes (diagonal = recall)");
        var texts = SvgAssert.Texts(SvgAssert.WellFormed(chart.ToSvg()));

        Assert.Equal(["metamyelocyte", "band neutrophil", ConfusionMatrixChart.OtherColumn], chart.ColumnNames);
        Assert.Equal(0.6, chart.CellValue(0, 0), 12);
        Assert.Equal(0.3, chart.CellValue(0, 2), 12);
        Assert.Equal(["0.60", "0.10", "0.30", "0.25", "0.63", "0.13"], texts.Take(6));
        Assert.Contains(ConfusionMatrixChart.OtherColumn, texts);
        Assert.Throws<ArgumentException>(() => ConfusionMatrixChart.FullRows(counts, names, ["basophil"], "t"));
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => new ConfusionMatrixChart(new int[2, 2], ["a", "b"], ["a", "b", "other"])).ParamName);
    }

    [Theory]
    [InlineData(3, "Trio rows over all 11 classes: share of each class's test images (diagonal = recall)")]
    [InlineData(11, "Row-normalised confusion (accuracy 84.7 %)")]
    [InlineData(2, "x")]
    public void The_title_fits_inside_the_figure(int classes, string title)
    {
        var names = Enumerable.Range(0, classes).Select(i => i % 2 == 0 ? $"segmented neutrophil {i}" : $"c{i}").ToArray();
        var counts = new int[classes, classes];
        for (int i = 0; i < classes; i++) counts[i, i] = 1;
        var document = SvgAssert.WellFormed(new ConfusionMatrixChart(counts, names, normalizeRows: true, title: title).ToSvg());

        var text = document.Descendants(SvgAssert.Svg + "text").Single(t => t.Value.Trim() == title);
        double width = SvgAssert.Number(document.Root!, "width");
        // Skia places the title by a translate to its centre and one x per glyph around it.
        var centre = System.Text.RegularExpressions.Regex.Match(text.Attribute("transform")!.Value, @"translate\(([-\d.]+) ");
        double x = double.Parse(centre.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        double half = ScottPlotSvg.TextWidth(title, 15, bold: true) / 2;
        Assert.InRange(x - half, 0, width);
        Assert.InRange(x + half, 0, width);
    }

    [Fact]
    public void Output_is_deterministic_and_shown_as_svg()
    {
        var a = new ConfusionMatrixChart(Counts, Names, true, "t");
        var b = new ConfusionMatrixChart((int[,])Counts.Clone(), Names.ToList(), true, "t");

        Assert.Equal(a.ToSvg(), b.ToSvg());
        Assert.Equal(a.ToSvg(), a.MimeBundle()[MimeTypes.Svg]);
        Assert.Contains(MimeTypes.PlainText, a.MimeBundle().Keys);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_parameter_name()
    {
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => new ConfusionMatrixChart(new int[2, 2], Names)).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => new ConfusionMatrixChart(new[,] { { -1 } }, ["a"])).ParamName);
        Assert.Equal("classNames", Assert.Throws<ArgumentException>(() => new ConfusionMatrixChart(new int[0, 0], [])).ParamName);
    }

    [Fact]
    public void Save_writes_the_svg_file_creating_the_folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "wb-fig-" + Guid.NewGuid().ToString("N"));
        try
        {
            var chart = new ConfusionMatrixChart(Counts, Names);
            string path = Path.Combine(folder, "figures", "cm.svg");
            chart.Save(path);
            Assert.Equal(chart.ToSvg(), File.ReadAllText(path));
            Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]); // no BOM
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }
}
