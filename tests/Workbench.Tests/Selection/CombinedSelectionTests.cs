using Workbench.Scoring;
using Workbench.Tests.Scoring;
using Xunit;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class CombinedSelectionTests
{
    // margins 0.4, 0.9, 0.04, 0.98 ; confidences 0.7, 0.95, 0.52, 0.99
    private static readonly Predictions P = TestPredictions.Of(
        [0.7f, 0.3f], [0.05f, 0.95f], [0.52f, 0.48f], [0.99f, 0.01f]);

    private static readonly int[] Ids = [5, 6, 7, 8];

    [Fact]
    public void AlTakesPrecedenceAndNoIdIsAddedTwice()
    {
        // pseudo-label (> 0.6) picks 5, 6, 8; margin < 0.5 picks 7 and 5
        var combined = new CombinedSelection(new PseudoLabelSelection(0.6), new MarginThresholdSelection(0.5));
        var both = combined.SelectBoth(P, Ids, 0);

        Assert.Equal(new[] { 7, 5 }, both.Queries.Ids);
        Assert.Equal(new[] { 6, 8 }, both.PseudoLabels.Ids);
        Assert.Equal(new[] { 1, 0 }, both.PseudoLabels.Labels);
        Assert.Equal(0.95, both.PseudoLabels.Scores[0], 5);
        Assert.Contains("oracle", both.PseudoLabels.Reason);
        Assert.Empty(both.Queries.Ids.Intersect(both.PseudoLabels.Ids));
    }

    [Fact]
    public void UnionHasEachIdOnceAlFirst()
    {
        var combined = new CombinedSelection(new PseudoLabelSelection(0.6), new MarginThresholdSelection(0.5));
        var union = combined.Select(P, Ids, 0);
        Assert.Equal(new[] { 7, 5, 6, 8 }, union.Ids);
        Assert.Equal(union.Ids.Count, union.Scores.Count);
        Assert.Null(union.Labels);
        Assert.Equal("pseudo-label+margin-threshold", combined.Name);
    }

    [Fact]
    public void NoOverlapLeavesBothSidesWhole()
    {
        var combined = new CombinedSelection(new CstCandidateSelection(0.9), new TopKUncertaintySelection(new MarginScorer(), 1));
        var both = combined.SelectBoth(P, Ids, 0);
        Assert.Equal(new[] { 7 }, both.Queries.Ids);
        Assert.Equal(new[] { 6, 8 }, both.PseudoLabels.Ids);
    }

    [Fact]
    public void ClusterMarginAndPseudoLabelOnTheSamePredictionsNeverDuplicate()
    {
        var random = new Random(3);
        var probabilities = new float[200][];
        var embeddings = new float[200][];
        for (int i = 0; i < 200; i++)
        {
            float p = 0.5f + 0.5f * (float)random.NextDouble();
            probabilities[i] = [p, 1f - p];
            embeddings[i] = [(float)random.NextDouble(), (float)random.NextDouble()];
        }
        var predictions = TestPredictions.WithEmbeddings(probabilities, embeddings);
        var combined = new CombinedSelection(new PseudoLabelSelection(0.6), new ClusterMarginSelection(budget: 40));
        var union = combined.Select(predictions, TestPredictions.Ids(200), seed: 2);
        Assert.Equal(union.Ids.Count, union.Ids.Distinct().Count());
    }

    [Fact]
    public void PseudoSideWithoutLabelsIsRejected()
    {
        var combined = new CombinedSelection(new RandomSelection(2), new RandomSelection(1));
        Assert.Throws<InvalidOperationException>(() => combined.SelectBoth(P, Ids, 0));
    }

    [Fact]
    public void EmptyPoolGivesEmptyHalves()
    {
        var combined = new CombinedSelection(new PseudoLabelSelection(), new ClusterMarginSelection());
        var both = combined.SelectBoth(Predictions.Empty(2, 4), [], 0);
        Assert.Empty(both.Queries.Ids);
        Assert.Empty(both.PseudoLabels.Ids);
    }
}
