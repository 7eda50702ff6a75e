using Workbench.Display;
using Workbench.Loop;
using Workbench.Reports;

namespace Workbench.Tests.Reports;

public sealed class ReportDisplayTests
{
    [Fact]
    public void Rounds_table_leaves_out_kinds_of_additions_that_never_happened()
    {
        var rounds = new[]
        {
            TestRounds.Make(0, 0.5),
            TestRounds.Make(1, 0.625, TestRounds.Added([1, 2, 0], [0, 0, 0])),
        };

        var table = Tables.Rounds(rounds);

        Assert.Equal(["round", "accuracy", "macro-F1", "labelled", "trained on", "+pseudo", "seconds"], table.Headers);
        Assert.Equal(["1", "62.50%", "62.50%", "0", "10", "3", "1.5"], table.Rows[1]);
        Assert.Equal(["round", "accuracy", "macro-F1", "labelled", "trained on", "+pseudo"], Tables.Rounds(rounds, seconds: false).Headers);
        Assert.Equal(["1", "62.50%", "62.50%", "0", "10", "3"], Tables.Rounds(rounds, seconds: false).Rows[1]);
    }

    [Fact]
    public void Matrix_table_shows_the_named_classes_with_the_diagonal_highlighted()
    {
        var table = Tables.Matrix(new[,] { { 8, 2, 0 }, { 1, 6, 3 }, { 0, 0, 4 } }, TestRounds.Classes, normaliseRows: true, classes: ["c", "b"]);

        Assert.Equal(["true \\ predicted", "c", "b"], table.Headers);
        Assert.Equal(["c", "1.000", "0.000"], table.Rows[0]);
        Assert.Equal(["b", "0.300", "0.600"], table.Rows[1]);
        Assert.NotNull(table.HighlightOf(1, 2));
        Assert.Null(table.HighlightOf(1, 1));
    }

    [Fact]
    public void Class_balance_stacks_only_the_provenances_that_occur()
    {
        var labelled = new ProvenanceCounts([2, 2, 2], [0, 1, 0], new int[3], new int[3], [1, 0, 0]);
        var chart = Charts.ClassBalance([TestRounds.Make(0, 0.5, labelled: labelled)]);

        Assert.Equal(["initial", "pseudo-label", "active-learning"], chart.Categories);
        Assert.Equal(8, chart.Total("round 0"));
        var byClass = Charts.ClassBalanceByClass(labelled, TestRounds.Classes);
        Assert.Equal(3, byClass.Total("a"));
    }

    [Fact]
    public void Poster_reference_starts_at_the_published_baseline()
    {
        var ssl = Charts.PosterReference("ssl")!;

        Assert.Equal([0.0, 1, 2, 3], ssl.Select(p => p.X));
        Assert.Equal(0.815, ssl[0].Mean, 12);
        Assert.Equal(0.8804, ssl[3].Mean, 12);
        Assert.Null(Charts.PosterReference("cst"));
    }

    [Fact]
    public void Figure_folder_saves_by_type_under_the_prefix_and_returns_the_figure()
    {
        string folder = Path.Combine(Path.GetTempPath(), "wb-figures-" + Guid.NewGuid().ToString("N"));
        try
        {
            var figures = new FigureFolder(folder, "02");
            var chart = new BarChart([new BarItem("x", 1)], "bars");
            var table = new HtmlTable(["a"], [["1"]], "numbers");

            Assert.Same(chart, figures.Save(chart, "round-1-bars"));
            Assert.Same(table, figures.Save(table, "table"));
            Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(folder, "02-round-1-bars.svg")));
            Assert.Contains("<title>numbers</title>", File.ReadAllText(Path.Combine(folder, "02-table.html")));
            Assert.Equal(2, figures.Saved.Count);
            Assert.Equal("name", Assert.Throws<ArgumentException>(() => figures.Save(chart, "../escape")).ParamName);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(12.34, "12.3 s")]
    [InlineData(192, "3 min 12 s")]
    [InlineData(3900, "1 h 05 min")]
    public void Durations_read_like_people_write_them(double seconds, string expected) =>
        Assert.Equal(expected, RunClock.FormatDuration(TimeSpan.FromSeconds(seconds)));
}
