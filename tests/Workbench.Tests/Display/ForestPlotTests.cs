using Workbench.Display;

namespace Workbench.Tests.Display;

public sealed class ForestPlotTests
{
    private static readonly ForestGroup Family = new("over seeds",
    [
        new("paper: ssl − baseline", 2, 1, 4, Highlighted: true, Strategy: "ssl"),
        new("paper: al − baseline", -1, -3, 0.5, Highlighted: false, Strategy: "al"),
        new("paper: fixmatch − baseline", double.NaN, double.NaN, double.NaN, Highlighted: false, Strategy: "fixmatch"),
    ]);

    [Fact]
    public void Each_interval_spans_low_to_high_with_its_mark_at_the_estimate()
    {
        var document = SvgAssert.WellFormed(new ForestPlot([Family], "Comparisons", "pp", "survives", "does not").ToSvg());

        // ssl: the interval is the horizontal stroke of its colour; the estimate sits at (2 - 1) / (4 - 1) of it.
        var (sslLow, sslHigh, sslY) = Interval(document, ChartPalette.ForStrategy("ssl"));
        var diamond = Assert.Single(SvgAssert.Shapes(document, "fill", ChartPalette.ForStrategy("ssl")));
        var corners = SvgAssert.Points(diamond);
        double centre = (corners.Min(p => p.X) + corners.Max(p => p.X)) / 2;
        Assert.Equal(1.0 / 3, (centre - sslLow) / (sslHigh - sslLow), 2);
        Assert.Equal(sslY, (corners.Min(p => p.Y) + corners.Max(p => p.Y)) / 2, 1);
        // al: an open circle (white inside, outlined in al's colour) at (-1 + 3) / 3.5 of its interval.
        var (alLow, alHigh, alY) = Interval(document, ChartPalette.ForStrategy("al"));
        var circle = Assert.Single(SvgAssert.Shapes(document, "stroke", ChartPalette.ForStrategy("al")), s => s.Name.LocalName == "ellipse");
        Assert.Equal(2 / 3.5, (SvgAssert.Number(circle, "cx") - alLow) / (alHigh - alLow), 2);
        Assert.Contains(SvgAssert.Shapes(document, "fill", "#ffffff"), s => s.Name.LocalName == "ellipse" && SvgAssert.Number(s, "cx") == SvgAssert.Number(circle, "cx"));
        // Rows read top to bottom in the given order; both intervals share one scale (ssl's 3 units are 3/3.5 of al's 3.5).
        Assert.True(sslY < alY);
        Assert.Equal(3 / 3.5, (sslHigh - sslLow) / (alHigh - alLow), 2);
        // The zero line: al's interval crosses zero at 3 / 3.5 of its length, where the dashed line's pieces are.
        double zero = alLow + (alHigh - alLow) * 3 / 3.5;
        Assert.Contains(SvgAssert.Shapes(document, "fill", ChartPalette.Axis), s => SvgAssert.Points(s).Count > 8 && SvgAssert.Points(s).All(p => Math.Abs(p.X - zero) < 1.5));
    }

    [Fact]
    public void Only_highlighted_rows_get_a_diamond_and_a_row_without_estimate_reads_na()
    {
        var plot = new ForestPlot([Family], "Comparisons", "pp", "survives", "does not");
        var document = SvgAssert.WellFormed(plot.ToSvg());
        var texts = SvgAssert.Texts(document);

        Assert.Empty(SvgAssert.Shapes(document, "fill", ChartPalette.ForStrategy("al")));  // al is not highlighted: no filled mark
        Assert.Empty(SvgAssert.Shapes(document, "stroke", ChartPalette.ForStrategy("fixmatch")));  // nothing drawn without an estimate
        Assert.Contains("+2.0 [+1.0, +4.0]", texts);
        Assert.Contains("-1.0 [-3.0, +0.5]", texts);
        Assert.Contains("n/a", texts);
        Assert.Contains("over seeds", texts);
        Assert.Contains("paper: fixmatch − baseline", texts);
        Assert.Contains("survives", texts);
        Assert.Equal("+2.0 [+1.0, +4.0]", plot.Summary(Family.Rows[0]));
    }

    [Fact]
    public void Bad_rows_are_rejected_with_the_parameter_name()
    {
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => new ForestPlot([])).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => new ForestPlot([new("g", [new("x", 1, 2, 0, false)])])).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentException>(() => new ForestPlot([new("g", [new("x", double.PositiveInfinity, 0, 1, false)])])).ParamName);
    }

    // The horizontal stroke of one colour: its left and right end in pixels and its height.
    private static (double Low, double High, double Y) Interval(System.Xml.Linq.XDocument document, string color)
    {
        var line = SvgAssert.Shapes(document, "stroke", color).Where(s => s.Name.LocalName == "path").Select(SvgAssert.Points)
            .Single(p => p.Count == 2 && p[0].Y == p[1].Y);
        return (Math.Min(line[0].X, line[1].X), Math.Max(line[0].X, line[1].X), line[0].Y);
    }
}
