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
        // 7 segments + 1 background rect + 3 legend swatches.
        Assert.Equal(11, document.Descendants(SvgAssert.Svg + "rect").Count());
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
        var texts = SvgAssert.Texts(SvgAssert.WellFormed(svg));

        Assert.Contains("stroke-dasharray=\"6 4\"", svg);
        Assert.Contains("fill-opacity=\"0.18\"", svg);
        Assert.Contains("SSL (published)", texts);
        Assert.DoesNotContain("AL (published)", texts);
        Assert.Contains("90%", texts);
        Assert.Contains("40%", texts);
        Assert.Equal(["0", "1", "2", "3"], texts.Where(t => t.Length == 1));
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
    public void Bar_chart_prints_values_with_the_format_and_respects_max()
    {
        var items = new[] { new BarItem("metamyelocyte", 0.88), new BarItem("band", 0.8412), new BarItem("segmented", 1.0, ChartPalette.Wrong) };
        var chart = new BarChart(items, "Recall", "recall", "0.00", maxValue: 1);
        var document = SvgAssert.WellFormed(chart.ToSvg());
        var texts = SvgAssert.Texts(document);

        Assert.Contains("0.84", texts);
        Assert.Contains("1.00", texts);
        Assert.Contains("metamyelocyte", texts);
        var bars = document.Descendants(SvgAssert.Svg + "rect").Skip(1).ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal(ChartPalette.Wrong, bars[2].Attribute("fill")!.Value);
        // Full-scale bar is 360 px wide (the plot width), 0.88 is 316.8.
        Assert.Equal("360", bars[2].Attribute("width")!.Value);
        Assert.Equal("316.8", bars[0].Attribute("width")!.Value);
        Assert.Equal("items", Assert.Throws<ArgumentException>(() => new BarChart([new BarItem("x", double.NaN)])).ParamName);
    }

    [Fact]
    public void Grouped_bars_need_one_value_per_category()
    {
        var chart = new GroupedBarChart(["round 1", "round 2"], [new BarSeries("SSL", [85.7, 87.5]), new BarSeries("SSL+AL", [89.9, 93.3])], "Accuracy", "%");
        var document = SvgAssert.WellFormed(chart.ToSvg());

        Assert.Contains("93.3", SvgAssert.Texts(document));
        Assert.Equal(1 + 4 + 2, document.Descendants(SvgAssert.Svg + "rect").Count());
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
}
