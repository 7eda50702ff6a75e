using Workbench.Tests.Scoring;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class ThresholdSelectionTests
{
    [Fact]
    public void PseudoLabelTakesStrictlyAboveThresholdWithArgmaxLabels()
    {
        var p = TestPredictions.Of(
            [0.97f, 0.03f],   // exactly at the threshold: not selected
            [0.98f, 0.02f],
            [0.01f, 0.99f],
            [0.5f, 0.5f],
            [0.96f, 0.04f]);
        var selection = new PseudoLabelSelection(0.97).Select(p, [10, 20, 30, 40, 50], seed: 0);

        Assert.Equal(new[] { 20, 30 }, selection.Ids);
        Assert.Equal(new[] { 0, 1 }, selection.Labels);
        Assert.Equal(0.98, selection.Scores[0], 6);
        Assert.Equal(0.99, selection.Scores[1], 6);
        Assert.Contains("0.97", selection.Reason);
    }

    [Fact]
    public void PseudoLabelDefaultThresholdIsTheposterValue()
    {
        Assert.Equal(0.97, new PseudoLabelSelection().Threshold);
        Assert.Equal(0.99, new CstCandidateSelection().Threshold);
    }

    [Fact]
    public void CstCandidatesAreThePseudoLabelRule()
    {
        var p = TestPredictions.Of([0.995f, 0.005f], [0.99f, 0.01f], [0.2f, 0.8f]);
        var cst = new CstCandidateSelection(0.9).Select(p, [1, 2, 3], 0);
        var pseudo = new PseudoLabelSelection(0.9).Select(p, [1, 2, 3], 0);
        Assert.Equal(pseudo.Ids, cst.Ids);
        Assert.Equal(pseudo.Labels, cst.Labels);
        Assert.Equal(new[] { 1, 2 }, cst.Ids);
        Assert.Equal("cst", new CstCandidateSelection().Name);
        Assert.Single(new CstCandidateSelection(0.99).Select(p, [1, 2, 3], 0).Ids); // 0.99 itself is not above
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void ThresholdOutsideUnitIntervalNamesTheField(double threshold)
    {
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new PseudoLabelSelection(threshold)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new CstCandidateSelection(threshold)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new MarginThresholdSelection(threshold)).ParamName);
    }

    [Fact]
    public void ThresholdOfOneIsAllowedAndSelectsNothing()
    {
        var p = TestPredictions.Of([1f, 0f]);
        Assert.Empty(new PseudoLabelSelection(1.0).Select(p, [7], 0).Ids);
    }

    [Fact]
    public void MarginThresholdTakesMarginsBelowThresholdSmallestFirst()
    {
        var p = TestPredictions.Of(
            TestPredictions.Binary(0.55f),   // margin 0.1
            TestPredictions.Binary(0.65f),   // 0.3
            TestPredictions.Binary(0.475f),  // 0.05
            TestPredictions.Binary(0.75f),   // 0.5
            TestPredictions.Binary(0.425f)); // 0.15
        var selection = new MarginThresholdSelection(0.2).Select(p, TestPredictions.Ids(5), 0);

        Assert.Equal(new[] { 102, 100, 104 }, selection.Ids);
        Assert.Equal(new[] { 0.05, 0.1, 0.15 }, selection.Scores.Select(s => Math.Round(s, 5)));
        Assert.Null(selection.Labels);
    }

    [Fact]
    public void MarginThresholdIsStrict()
    {
        var p = TestPredictions.Of([0.75f, 0.25f]); // margin exactly 0.5
        Assert.Empty(new MarginThresholdSelection(0.5).Select(p, [1], 0).Ids);
        Assert.Single(new MarginThresholdSelection(0.5000001).Select(p, [1], 0).Ids);
    }

    [Fact]
    public void MarginThresholdCapKeepsTheSmallestMargins()
    {
        var p = TestPredictions.Of(
            TestPredictions.Binary(0.55f), TestPredictions.Binary(0.475f), TestPredictions.Binary(0.425f));
        var selection = new MarginThresholdSelection(0.2, cap: 2).Select(p, [1, 2, 3], 0);
        Assert.Equal(new[] { 2, 1 }, selection.Ids);
        Assert.Contains("capped", selection.Reason);
    }

    [Fact]
    public void MarginThresholdCapMustBePositive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MarginThresholdSelection(0.2, cap: 0));
        Assert.Equal("cap", e.ParamName);
    }
}
