using Workbench.Display;
using Workbench.Metrics;
using Workbench.Records;

namespace Workbench.Tests.Records;

public sealed class ComparisonForestTests
{
    [Fact]
    public void Survivors_are_highlighted_and_values_become_percentage_points()
    {
        var family = new ComparisonFamily("over seeds", 0.05,
        [
            new AdjustedComparison("paper: ssl+al − ssl (round 3)", 0.09, 0.079, 0.101, 0.00002, 0.0003, Survives: true),
            new AdjustedComparison("paper: al − al (random) (round 3)", 0.017, -0.022, 0.055, 0.3, 1, Survives: false),
            new AdjustedComparison("paper: fixmatch − baseline (round 0)", double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, Survives: false),
        ]);
        var forest = ComparisonForest.Of([family], []);
        var rows = Assert.Single(forest.Groups).Rows;

        Assert.Equal([true, false, false], rows.Select(r => r.Highlighted));
        Assert.Equal(9, rows[0].Estimate, 10);
        Assert.Equal(-2.2, rows[1].Low, 10);
        Assert.Equal(5.5, rows[1].High, 10);
        Assert.True(double.IsNaN(rows[2].Estimate));
        Assert.Equal("+9.0 [+7.9, +10.1]", forest.Summary(rows[0]));
        Assert.Contains("survives Holm (adjusted p ≤ 0.05)", SvgTexts(forest));
    }

    private static IReadOnlyList<string> SvgTexts(ForestPlot plot) =>
        System.Xml.Linq.XDocument.Parse(plot.ToSvg()).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
}
