using System.Xml.Linq;
using Workbench.Display;

namespace Workbench.Tests.Display;

public sealed class ChartTests
{
    [Fact]
    public void Class_balance_stacks_categories_and_prints_totals()
    {
        var entries = new List<ClassBalanceEntry>
        {
            new("baseline", "initial", 124),
            new("round 1", "initial", 124), new("round 1", "pseudo-label", 1037), new("round 1", "al", 100),
            new("round 2", "initial", 124), new("round 2", "pseudo-label", 2518), new("round 2", "al", 200),
        };
        var chart = new ClassBalanceChart(entries, "Labelled set");
        var document = SvgAssert.WellFormed(chart.ToSvg());
        var texts = SvgAssert.Texts(document);

        Assert.Equal(["baseline", "round 1", "round 2"], chart.Groups);
        Assert.Equal(["initial", "pseudo-label", "al"], chart.Categories);
        Assert.Contains("1261", texts);
        Assert.Contains("2842", texts);
        Assert.Contains("pseudo-label", texts);
        // Per category its segments plus its legend swatch: initial in 3 bars, the others in 2.
        Assert.Equal([4, 3, 3], chart.Categories.Select((_, c) => SvgAssert.Shapes(document, "fill", ChartPalette.ForIndex(c)).Count));
        // Stacks as tall as their totals: segments summed per bar (the legend's swatches, rightmost, left out).
        var stacks = chart.Categories.SelectMany((_, c) => SvgAssert.Shapes(document, "fill", ChartPalette.ForIndex(c)))
            .GroupBy(s => SvgAssert.Number(s, "x")).OrderBy(g => g.Key).SkipLast(1).Select(g => g.Sum(s => SvgAssert.Number(s, "height"))).ToList();
        Assert.Equal(3, stacks.Count);
        Assert.Equal(1261.0 / 124, stacks[1] / stacks[0], 1);
        Assert.Equal(2842.0 / 124, stacks[2] / stacks[0], 1);
    }

    [Fact]
    public void Class_balance_respects_a_given_category_order_and_rejects_bad_counts()
    {
        var entries = new[] { new ClassBalanceEntry("band", "al", 3), new ClassBalanceEntry("band", "cst-confirmed", 5) };
        var chart = new ClassBalanceChart(entries, categoryOrder: ["cst-confirmed", "cst-corrected", "al"], groupAxisLabel: "Class");

        Assert.Equal(["cst-confirmed", "cst-corrected", "al"], chart.Categories);
        Assert.Equal(8, chart.Total("band"));
        Assert.Equal("entries", Assert.Throws<ArgumentException>(() => new ClassBalanceChart([new ClassBalanceEntry("a", "b", -1)])).ParamName);
        Assert.Equal("categoryOrder", Assert.Throws<ArgumentException>(() => new ClassBalanceChart(entries, categoryOrder: ["al"])).ParamName);
    }

    [Fact]
    public void Learning_curve_has_bands_dashed_references_and_percent_axis()
    {
        var ssl = new LearningCurveSeries("SSL",
            [new(0, 0.45, 0.01), new(1, 0.51, 0.02), new(2, 0.547, 0.015), new(3, 0.595, 0.02)],
            [new(0, 0.815), new(1, 0.8573), new(2, 0.8751), new(3, 0.8804)]);
        var al = new LearningCurveSeries("AL", [new(0, 0.45), new(1, 0.6), new(2, 0.7), new(3, 0.72)]);
        var chart = new LearningCurveChart([ssl, al], "Accuracy per round");
        string svg = chart.ToSvg();
        var document = SvgAssert.WellFormed(svg);
        var texts = SvgAssert.Texts(document);
        string blue = ChartPalette.ForStrategy("ssl");

        // The band: ssl's colour, translucent; AL has no std, so no band of its colour.
        Assert.Single(SvgAssert.Shapes(document, "fill", blue), s => s.Attribute("fill-opacity")?.Value == "0.18");
        Assert.DoesNotContain(SvgAssert.Shapes(document, "fill", ChartPalette.ForStrategy("al")), s => s.Attribute("fill-opacity") is not null);
        // The published line is dashed: Skia draws each dash as a filled piece of ssl's colour.
        Assert.Contains(SvgAssert.Shapes(document, "fill", blue), s => s.Attribute("d")?.Value.Count(c => c == 'M') >= 5);
        Assert.Contains("SSL (published)", texts);
        Assert.DoesNotContain("AL (published)", texts);
        Assert.Contains("80%", texts);
        Assert.Contains("50%", texts);
        Assert.Equal(["0", "1", "2", "3"], texts.Where(t => t.Length == 1).Order());
        Assert.Contains("Accuracy (%)", texts);
        Assert.Equal(svg, new LearningCurveChart([ssl, al], "Accuracy per round").ToSvg());
    }

    [Fact]
    public void Learning_curve_rejects_negative_std()
    {
        var bad = new LearningCurveSeries("x", [new(0, 0.5, -0.1)]);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => new LearningCurveChart([bad])).ParamName);
    }

    [Fact]
    public void Every_series_is_drawn_and_a_strategy_has_one_colour_in_every_figure()
    {
        LearningCurveSeries Curve(string name, double end) => new(name, [new(0, 0.5, 0.01), new(1, end, 0.01)]);
        var curves = SvgAssert.WellFormed(new LearningCurveChart(
            [Curve("ssl (n = 5)", 0.6), Curve("al (n = 5)", 0.7), Curve("al (random) (n = 5)", 0.65)]).ToSvg());
        var bars = SvgAssert.WellFormed(new GroupedBarChart(["band", "segmented"],
            [new BarSeries("al", [3, 4]), new BarSeries("ssl+al", [5, 6])], "Added per class").ToSvg());

        Assert.Equal("#E69F00", ChartPalette.ForStrategy("al"));
        Assert.Equal(ChartPalette.ForStrategy("al"), ChartPalette.ForStrategy("AL (n = 3)"));
        // al is orange in both figures, though it is the second series of one and the first of the other.
        foreach (var (figure, series) in new[] { (curves, new[] { "ssl", "al", "al (random)" }), (bars, new[] { "al", "ssl+al" }) })
        {
            foreach (var name in series)
                Assert.NotEmpty(SvgAssert.Shapes(figure, "fill", ChartPalette.ForStrategy(name)));
        }
        Assert.DoesNotContain(ChartPalette.ForStrategy("ssl"), SvgAssert.Colors(bars));
        // The control: al's hue, lighter, and drawn apart from al (dotted, square markers).
        string control = ChartPalette.ForStrategy("al (random)");
        Assert.Equal(ChartPalette.Lighter("#E69F00"), control);
        Assert.NotEqual(ChartPalette.ForStrategy("al"), control);
        Assert.Contains("al (random) (n = 5)", SvgAssert.Texts(curves));
        Assert.Contains(SvgAssert.Shapes(curves, "fill", control), s => s.Name.LocalName == "path" && s.Attribute("d")!.Value.Count(c => c == 'M') >= 5);
    }

    [Fact]
    public void A_strategy_without_a_fixed_colour_keeps_its_colour_and_never_shares_one_within_a_figure()
    {
        var alone = ChartPalette.ForStrategies(["my-entropy-distance"]);
        var beside = ChartPalette.ForStrategies(["cluster-margin", "random", "my-entropy-distance"]);

        Assert.Equal(alone[0].Color, ChartPalette.ForStrategy("my-entropy-distance"));
        Assert.Equal(3, beside.Select(s => s.Color).Distinct().Count());
        Assert.True(beside[1].IsControl);
        Assert.False(beside[0].IsControl);
        var many = ChartPalette.ForStrategies(Enumerable.Range(0, 7).Select(i => $"mine-{i}").ToList());
        Assert.Equal(7, many.Select(s => s.Color).Distinct().Count());
    }

    [Fact]
    public void Right_and_wrong_series_take_the_colours_that_mark_right_and_wrong_everywhere()
    {
        Assert.Equal(ChartPalette.Right, ChartPalette.ForStrategy("right (n = 111)"));
        Assert.Equal(ChartPalette.Wrong, ChartPalette.ForStrategy("wrong (n = 39)"));
        var chart = new GroupedBarChart(["0.5–0.6", "0.6–0.7"], [new BarSeries("right (n = 3)", [0.5, 0.5]), new BarSeries("wrong (n = 2)", [1, 0])]);
        var document = SvgAssert.WellFormed(chart.ToSvg());
        Assert.NotEmpty(SvgAssert.Shapes(document, "fill", ChartPalette.Wrong));
        Assert.NotEmpty(SvgAssert.Shapes(document, "fill", ChartPalette.Right));
    }

    [Fact]
    public void Bar_chart_prints_values_with_the_format_and_respects_max()
    {
        var items = new[] { new BarItem("metamyelocyte", 0.88), new BarItem("band", 0.8412), new BarItem("segmented", 1.0, ChartPalette.Wrong) };
        var chart = new BarChart(items, "Recall", "recall", "0.00", maxValue: 1);
        var document = SvgAssert.WellFormed(chart.ToSvg());
        var texts = SvgAssert.Texts(document);

        Assert.Contains("0.84", texts);
        Assert.Contains("1.00", texts);
        Assert.Contains("metamyelocyte", texts);
        var blue = SvgAssert.Shapes(document, "fill", ChartPalette.Series[0]).Where(s => s.Name.LocalName == "rect").ToList();
        var highlighted = Assert.Single(SvgAssert.Shapes(document, "fill", ChartPalette.Wrong), s => s.Name.LocalName == "rect");
        Assert.Equal(2, blue.Count);
        // A full-scale bar spans the axis; 0.88 is 88% of it.
        Assert.Equal(0.88, SvgAssert.Number(blue[0], "width") / SvgAssert.Number(highlighted, "width"), 2);
        Assert.Equal("items", Assert.Throws<ArgumentException>(() => new BarChart([new BarItem("x", double.NaN)])).ParamName);
    }

    [Fact]
    public void Grouped_bars_need_one_value_per_category()
    {
        var chart = new GroupedBarChart(["round 1", "round 2"], [new BarSeries("SSL", [85.7, 87.5]), new BarSeries("SSL+AL", [89.9, 93.3])], "Accuracy", "%");
        var document = SvgAssert.WellFormed(chart.ToSvg());

        Assert.Contains("93.3", SvgAssert.Texts(document));
        // Two bars and a legend swatch per series.
        Assert.Equal(3, SvgAssert.Shapes(document, "fill", ChartPalette.ForStrategy("ssl")).Count);
        Assert.Equal(3, SvgAssert.Shapes(document, "fill", ChartPalette.ForStrategy("ssl+al")).Count);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => new GroupedBarChart(["a"], [new BarSeries("s", [1, 2])])).ParamName);
    }

    [Fact]
    public void Titles_and_labels_are_xml_escaped()
    {
        var chart = new BarChart([new BarItem("a<b & \"c\"", 1)], "x < y");
        var document = XDocument.Parse(chart.ToSvg());

        Assert.Contains("a<b & \"c\"", SvgAssert.Texts(document));
        Assert.Equal("x < y", document.Root!.Element(SvgAssert.Svg + "title")!.Value);
    }

    [Fact]
    public void Rendering_is_the_same_bytes_every_time_and_ids_differ_between_figures()
    {
        var a = new ConfusionMatrixChart(new[,] { { 3, 1 }, { 0, 4 } }, ["a", "b"], false, "a");
        var b = new ConfusionMatrixChart(new[,] { { 3, 1 }, { 0, 5 } }, ["a", "b"], false, "b");
        string first = a.ToSvg();
        _ = b.ToSvg();

        Assert.Equal(first, a.ToSvg());
        var ids = (XDocument d) => d.Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>().ToHashSet();
        Assert.NotEmpty(ids(XDocument.Parse(first)));
        Assert.Empty(ids(XDocument.Parse(first)).Intersect(ids(XDocument.Parse(b.ToSvg()))));
    }
}
