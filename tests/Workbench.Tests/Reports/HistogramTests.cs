using Workbench.Reports;
using Workbench.Engine;

namespace Workbench.Tests.Reports;

public sealed class HistogramTests
{
    [Fact]
    public void Values_fall_into_equal_bins_with_the_ends_clamped()
    {
        var histogram = Histogram.Of([0.0, 0.05, 0.24, 0.25, 0.5, 0.99, 1.0, 1.2, -0.1], bins: 4);

        // [0,.25): 0, .05, .24, -0.1 (clamped); [.25,.5): .25; [.5,.75): .5; [.75,1]: .99, 1.0, 1.2 (clamped)
        Assert.Equal([4, 1, 1, 3], histogram.Counts);
        Assert.Equal(9, histogram.Total);
        Assert.Equal(0.25, histogram.BinWidth, 12);
        Assert.Equal("0.75–1.00", histogram.Label(3));
    }

    [Fact]
    public void Confidence_and_margin_come_from_the_prediction_rows()
    {
        var predictions = Predictions.FromRows([[0.95f, 0.05f], [0.65f, 0.35f], [0.55f, 0.45f]]);

        // The top-1 of 2 classes is >= 0.5: five bins over [0.5, 1].
        Assert.Equal([1, 1, 0, 0, 1], Histogram.OfConfidence(predictions, bins: 5).Counts);   // .55, .65, .95
        Assert.Equal(0.5, Histogram.OfConfidence(predictions, bins: 5).Min);
        Assert.Equal([1, 1, 0, 0, 1], Histogram.OfMargin(predictions, bins: 5).Counts);       // .9, .3, .1
    }

    [Fact]
    public void Chart_lists_high_bins_first_and_highlights_those_past_the_threshold()
    {
        var chart = Histogram.WithEdgeAt([0.1, 0.96, 0.98, 0.85], threshold: 0.9, bins: 4).ToChart("t", "conf", threshold: 0.9, highlight: "#ff0000");

        Assert.Equal("conf 0.90–1.00", chart.Items[0].Label);
        Assert.Equal(2, chart.Items[0].Value);
        Assert.Equal("#ff0000", chart.Items[0].Color);
        Assert.All(chart.Items.Skip(1), item => Assert.Null(item.Color));
    }

    [Fact]
    public void A_threshold_is_a_bin_edge_and_no_bin_lies_below_one_over_k()
    {
        // 4 classes: top-1 confidence lies in [0.25, 1]; threshold 0.97 must be an edge, so the top bin holds exactly the selected.
        var rows = new[] { 0.26f, 0.5f, 0.96f, 0.969f, 0.97f, 0.99f, 1f }.Select(p => new[] { p, (1 - p) / 3, (1 - p) / 3, (1 - p) / 3 }).ToArray();
        var histogram = Histogram.OfConfidence(Predictions.FromRows(rows), bins: 20, threshold: 0.97);

        Assert.Equal(0.25, histogram.Min, 6);
        Assert.Contains(histogram.Edges, e => Math.Abs(e - 0.97) < 1e-12);
        Assert.Equal(3, histogram.CountFrom(0.97));
        Assert.Equal(7, histogram.Total);
        Assert.Equal("0.97–1.00", histogram.Label(histogram.Bins - 1));
        Assert.Throws<ArgumentException>(() => Histogram.WithEdgeAt([0.5], threshold: 1.0));
    }

    [Fact]
    public void NaN_and_an_empty_range_are_rejected()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Histogram.Of([0.5, double.NaN])).ParamName);
        Assert.Throws<ArgumentException>(() => Histogram.Of([0.5], 10, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Histogram.Of([0.5], 0));
    }
}
