using Workbench.Tests.Scoring;
using Workbench.Engine;

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
        var selection = new CoreSetSelection(3).Select(With(Line, LineIds, [0.5f]));
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
        var first = new CoreSetSelection(1).Select(With(p, [1, 2, 3, 4], [0f, 0f]));
        Assert.Equal(new[] { 2 }, first.Ids); // corners tie at sqrt(32); lower position wins
        Assert.Equal(Math.Sqrt(32), first.Scores[0], 5);

        var two = new CoreSetSelection(2).Select(With(p, [1, 2, 3, 4], [0f, 0f]));
        Assert.Equal(new[] { 2, 4 }, two.Ids);
    }

    [Fact]
    public void BudgetLargerThanPoolTakesWholePool()
    {
        var selection = new CoreSetSelection(50).Select(With(Line, LineIds, [0f]));
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
        var e = Assert.Throws<ArgumentException>(() => new CoreSetSelection(1).Select(With(p, [1], [0f, 0f])));
        Assert.Equal("context", e.ParamName);
        Assert.Contains("embedding width", e.Message);
    }

    [Fact]
    public void MissingEmbeddingsIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => new CoreSetSelection(1).Select(TestPredictions.Of([1f, 0f]), [1], 0));
        Assert.Equal("predictions", e.ParamName);
    }

    [Fact]
    public void LabelledEmbeddingsAreComputedOnlyWhenAStrategyNeedsThem()
    {
        int calls = 0;
        var context = new SelectionContext(Line, LineIds, 0, [1], () => { calls++; return [0.5f]; });
        new RandomSelection(2).Select(context);
        Assert.Equal(0, calls);
        new CoreSetSelection(2).Select(context);
        new CoreSetSelection(3).Select(context);
        Assert.Equal(1, calls);
    }

    private static SelectionContext With(Predictions pool, IReadOnlyList<int> ids, float[] labelled) =>
        new(pool, ids, 0, [], () => labelled);
}
