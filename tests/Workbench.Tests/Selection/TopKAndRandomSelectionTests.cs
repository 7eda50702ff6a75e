using Workbench.Scoring;
using Workbench.Tests.Scoring;
using Workbench.Engine;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class TopKAndRandomSelectionTests
{
    // margins: 0.2, 0, 0.2, 0, 0.6
    private static readonly Predictions TiedMargins = TestPredictions.Of(
        [0.6f, 0.4f], [0.5f, 0.5f], [0.4f, 0.6f], [0.5f, 0.5f], [0.8f, 0.2f]);

    [Fact]
    public void TopKMarginTakesSmallestMarginsWithTiesToLowerPosition()
    {
        var selection = new TopKUncertaintySelection(new MarginScorer(), 3).Select(TiedMargins, [50, 40, 30, 20, 10], 0);
        // positions 1 and 3 tie at 0 (1 first), then positions 0 and 2 tie at 0.2 (0 wins)
        Assert.Equal(new[] { 40, 20, 50 }, selection.Ids);
        Assert.Equal(0.0, selection.Scores[0]);
        Assert.Null(selection.Labels);
    }

    [Fact]
    public void TopKEntropyTakesHighestEntropyFirst()
    {
        var p = TestPredictions.Of([0.9f, 0.05f, 0.05f], [0.4f, 0.3f, 0.3f], [0.98f, 0.01f, 0.01f], [0.6f, 0.3f, 0.1f]);
        var selection = new TopKUncertaintySelection(new EntropyScorer(), 2).Select(p, [0, 1, 2, 3], 0);
        Assert.Equal(new[] { 1, 3 }, selection.Ids);
        Assert.True(selection.Scores[0] > selection.Scores[1]);
    }

    [Fact]
    public void TopKBudgetLargerThanPoolTakesWholePool()
    {
        var selection = new TopKUncertaintySelection(new ConfidenceScorer(), 100).Select(TiedMargins, TestPredictions.Ids(5), 0);
        Assert.Equal(5, selection.Count);
        Assert.Equal(TestPredictions.Ids(5).Order(), selection.Ids.Order());
    }

    [Fact]
    public void BudgetMustBePositive()
    {
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => new TopKUncertaintySelection(new MarginScorer(), 0)).ParamName);
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSelection(-1)).ParamName);
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => new CoreSetSelection(0)).ParamName);
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => new ClusterMarginSelection(0)).ParamName);
        Assert.Equal("kmeansIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new ClusterMarginSelection(10, 0)).ParamName);
    }

    [Fact]
    public void RandomIsDeterministicForASeedAndDistinct()
    {
        var p = Uniform(200);
        var ids = TestPredictions.Ids(200);
        var first = new RandomSelection(20).Select(p, ids, seed: 7);
        var again = new RandomSelection(20).Select(p, ids, seed: 7);
        var other = new RandomSelection(20).Select(p, ids, seed: 8);

        Assert.Equal(first.Ids, again.Ids);
        Assert.NotEqual(first.Ids, other.Ids);
        Assert.Equal(20, first.Ids.Distinct().Count());
        Assert.All(first.Ids, id => Assert.InRange(id, 100, 299));
    }

    [Fact]
    public void RandomBudgetLargerThanPoolTakesWholePool()
    {
        var selection = new RandomSelection(10).Select(Uniform(4), [3, 1, 4, 5], 1);
        Assert.Equal(new[] { 1, 3, 4, 5 }, selection.Ids.Order());
    }

    [Fact]
    public void CandidateIdsMustMatchRows()
    {
        var e = Assert.Throws<ArgumentException>(() => new RandomSelection(1).Select(Uniform(3), [1, 2], 0));
        Assert.Equal("candidateIds", e.ParamName);
        var dup = Assert.Throws<ArgumentException>(() => new RandomSelection(1).Select(Uniform(3), [1, 2, 1], 0));
        Assert.Equal("candidateIds", dup.ParamName);
    }

    private static Predictions Uniform(int count) =>
        new(Enumerable.Repeat(0.5f, count * 2).ToArray(), null, count, 2, 0);
}
