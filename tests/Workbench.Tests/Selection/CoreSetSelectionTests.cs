using Workbench.Scoring;
using Workbench.Tests.Scoring;
using Xunit;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class CoreSetSelectionTests
{
    // 1-D candidates at 0, 1, 2, 5, 9 (ids 10..14)
    private static readonly Predictions Line = TestPredictions.WithEmbeddings(
        Enumerable.Repeat(new[] { 0.5f, 0.5f }, 5).ToArray(), [[0f], [1f], [2f], [5f], [9f]]);

    private static readonly int[] LineIds = [10, 11, 12, 13, 14];

    [Fact]
    public void PicksFarthestPointsFromTheLabelledSetGreedily()
    {
        var selection = new CoreSetSelection(3, labelledEmbeddings: [0.5f]).Select(Line, LineIds, 0);
        // 9 is 8.5 from 0.5; then 5 is 4 from 9; then 2 is 1.5 from 0.5
        Assert.Equal(new[] { 14, 13, 12 }, selection.Ids);
        Assert.Equal(new[] { 8.5, 4.0, 1.5 }, selection.Scores.Select(s => Math.Round(s, 5)));
    }

    [Fact]
    public void WithoutLabelledSetStartsFarthestFromTheMean()
    {
        var selection = new CoreSetSelection(2).Select(Line, LineIds, 0);
        // mean 3.4: 9 is farthest (5.6); then 0 is farthest from 9
        Assert.Equal(new[] { 14, 10 }, selection.Ids);
        Assert.Equal(9.0, selection.Scores[1], 5);
    }

    [Fact]
    public void TwoDimensionalCornersAreCoveredFirst()
    {
        // labelled point at the centre of a square; candidates near the centre and at two corners
        var p = TestPredictions.WithEmbeddings(
            Enumerable.Repeat(new[] { 1f }, 4).ToArray(),
            [[0.1f, 0f], [4f, 4f], [0f, 0.2f], [-4f, -4f]]);
        var strategy = new CoreSetSelection(1).WithLabelledEmbeddings([0f, 0f]);
        var first = strategy.Select(p, [1, 2, 3, 4], 0);
        Assert.Equal(new[] { 2 }, first.Ids); // corners tie at sqrt(32); lower position wins
        Assert.Equal(Math.Sqrt(32), first.Scores[0], 5);

        var two = new CoreSetSelection(2, [0f, 0f]).Select(p, [1, 2, 3, 4], 0);
        Assert.Equal(new[] { 2, 4 }, two.Ids);
    }

    [Fact]
    public void BudgetLargerThanPoolTakesWholePool()
    {
        var selection = new CoreSetSelection(50, [0f]).Select(Line, LineIds, 0);
        Assert.Equal(LineIds, selection.Ids.Order());
    }

    [Fact]
    public void EmptyPoolGivesEmptySelection()
    {
        Assert.Empty(new CoreSetSelection(5).Select(Predictions.Empty(2, 3), [], 0).Ids);
    }

    [Fact]
    public void LabelledEmbeddingsOfTheWrongWidthAreAClearError()
    {
        var p = TestPredictions.WithEmbeddings([[1f, 0f]], [[0f, 0f, 0f]]);
        var e = Assert.Throws<ArgumentException>(() => new CoreSetSelection(1, [0f, 0f]).Select(p, [1], 0));
        Assert.Equal("labelledEmbeddings", e.ParamName);
    }

    [Fact]
    public void MissingEmbeddingsIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => new CoreSetSelection(1).Select(TestPredictions.Of([1f, 0f]), [1], 0));
        Assert.Equal("predictions", e.ParamName);
    }
}
