using Workbench.Tests.Scoring;
using Workbench.Engine;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class ClusterMarginSelectionTests
{
    private const int PerBlob = 10;

    /// <summary>Three blobs; in blob b the point at offset (3 + b) has the smallest margin.</summary>
    private static Predictions BlobPredictions()
    {
        var embedding = KMeansTests.Blobs(PerBlob);
        var probabilities = new float[3 * PerBlob][];
        for (int i = 0; i < probabilities.Length; i++)
        {
            int blob = i / PerBlob, offset = i % PerBlob;
            float p = offset == 3 + blob ? 0.52f : 0.6f + 0.03f * offset; // margins 0.04 vs >= 0.2
            probabilities[i] = [p, 1f - p];
        }
        var rows = Enumerable.Range(0, 3 * PerBlob).Select(i => embedding.AsSpan(2 * i, 2).ToArray()).ToArray();
        return TestPredictions.WithEmbeddings(probabilities, rows);
    }

    [Fact]
    public void PicksTheSmallestMarginPointOfEachCluster()
    {
        var ids = TestPredictions.Ids(3 * PerBlob, first: 1000);
        var selection = new ClusterMarginSelection(budget: 3).Select(BlobPredictions(), ids, seed: 0);

        int[] expected = [1000 + 3, 1000 + PerBlob + 4, 1000 + 2 * PerBlob + 5];
        Assert.Equal(expected, selection.Ids.Order());
        Assert.All(selection.Scores, s => Assert.Equal(0.04, s, 5));
        Assert.Null(selection.Labels);
    }

    [Fact]
    public void EqualMarginsInAClusterGoToLowerPosition()
    {
        var probabilities = Enumerable.Repeat(new[] { 0.7f, 0.3f }, 4).ToArray();
        float[][] embeddings = [[0f], [0.1f], [0.2f], [0.3f]];
        var p = TestPredictions.WithEmbeddings(probabilities, embeddings);
        var selection = new ClusterMarginSelection(budget: 1).Select(p, [9, 8, 7, 6], 0);
        Assert.Equal(new[] { 9 }, selection.Ids);
    }

    [Fact]
    public void SameSeedSameSelection()
    {
        var p = BlobPredictions();
        var ids = TestPredictions.Ids(p.Count);
        var strategy = new ClusterMarginSelection(budget: 7);
        Assert.Equal(strategy.Select(p, ids, 11).Ids, strategy.Select(p, ids, 11).Ids);
    }

    [Fact]
    public void BudgetLargerThanPoolTakesWholePool()
    {
        var p = TestPredictions.WithEmbeddings([[0.9f, 0.1f], [0.6f, 0.4f]], [[0f, 0f], [5f, 5f]]);
        var selection = new ClusterMarginSelection(budget: 100).Select(p, [3, 4], 0);
        Assert.Equal(new[] { 4, 3 }, selection.Ids); // smallest margin first
    }

    [Fact]
    public void DuplicateEmbeddingsNeverRepeatAnId()
    {
        var probabilities = Enumerable.Repeat(new[] { 0.7f, 0.3f }, 4).ToArray();
        var embeddings = Enumerable.Repeat(new[] { 1f, 1f }, 4).ToArray();
        var selection = new ClusterMarginSelection(budget: 3).Select(TestPredictions.WithEmbeddings(probabilities, embeddings), [1, 2, 3, 4], 0);
        Assert.NotEmpty(selection.Ids);
        Assert.Equal(selection.Ids.Count, selection.Ids.Distinct().Count());
    }

    [Fact]
    public void EmptyPoolGivesEmptySelection()
    {
        var selection = new ClusterMarginSelection().Select(Predictions.Empty(2, 8), [], 0);
        Assert.Empty(selection.Ids);
    }

    [Fact]
    public void MissingEmbeddingsIsAClearError()
    {
        var p = TestPredictions.Of([0.5f, 0.5f]);
        var e = Assert.Throws<ArgumentException>(() => new ClusterMarginSelection(5).Select(p, [1], 0));
        Assert.Equal("predictions", e.ParamName);
        Assert.Contains("embeddings", e.Message);
    }
}
