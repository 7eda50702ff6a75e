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
