using Workbench.Engine;

namespace Workbench.Tests.Scoring;

public class PredictionsTests
{
    [Fact]
    public void RowsArgMaxAndMarginAreReadRowMajor()
    {
        var p = new Predictions([0.1f, 0.7f, 0.2f, 0.6f, 0.3f, 0.1f], null, 2, 3, 0);
        Assert.Equal(new[] { 0.6f, 0.3f, 0.1f }, p.Row(1).ToArray());
        Assert.Equal(1, p.ArgMax(0));
        Assert.Equal(0, p.ArgMax(1));
        Assert.Equal(0.7f, p.Max(0));
        Assert.Equal(0.7f - 0.2f, p.Margin(0));
        Assert.Equal(0.6f - 0.3f, p.Margin(1));
    }

    [Fact]
    public void ArgMaxTieGoesToLowerClass()
    {
        var three = TestPredictions.Of([0.25f, 0.375f, 0.375f]);
        var two = TestPredictions.Of([0.5f, 0.5f]);
        Assert.Equal(1, three.ArgMax(0));
        Assert.Equal(0, two.ArgMax(0));
        Assert.Equal(0f, three.Margin(0));
        Assert.Equal(0f, two.Margin(0));
    }

    [Fact]
    public void SingleClassMarginIsTheProbability()
    {
        var p = TestPredictions.Of([1f]);
        Assert.Equal(1f, p.Margin(0));
    }

    [Fact]
    public void EmbeddingsAreRowsOfTheirOwnWidth()
    {
        var p = TestPredictions.WithEmbeddings([[1f, 0f], [0f, 1f]], [[1f, 2f, 3f], [4f, 5f, 6f]]);
        Assert.Equal(3, p.EmbeddingDim);
        Assert.Equal(new[] { 4f, 5f, 6f }, p.Embedding(1).ToArray());
    }

    [Fact]
    public void SubsetKeepsRequestedRowsInOrder()
    {
        var p = TestPredictions.WithEmbeddings([[1f, 0f], [0f, 1f], [0.5f, 0.5f]], [[1f], [2f], [3f]]);
        var subset = p.Subset([2, 0]);
        Assert.Equal(2, subset.Count);
        Assert.Equal(new[] { 0.5f, 0.5f }, subset.Row(0).ToArray());
        Assert.Equal(new[] { 1f }, subset.Embedding(1).ToArray());
    }

    [Fact]
    public void RejectsSizeMismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => new Predictions([0.5f, 0.5f, 1f], null, 2, 2, 0));
        Assert.Equal("probabilities", e.ParamName);
    }

    [Fact]
    public void RejectsRowThatDoesNotSumToOne()
    {
        var e = Assert.Throws<ArgumentException>(() => TestPredictions.Of([0.5f, 0.5f], [0.6f, 0.6f]));
        Assert.Equal("probabilities", e.ParamName);
        Assert.Contains("row 1", e.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(-0.5f)]
    public void RejectsNonFiniteOrNegativeProbabilities(float bad)
    {
        var e = Assert.Throws<ArgumentException>(() => new Predictions([bad, 1f - (float.IsFinite(bad) ? bad : 0f)], null, 1, 2, 0));
        Assert.Equal("probabilities", e.ParamName);
    }

    [Fact]
    public void RejectsNonFiniteEmbeddings()
    {
        var e = Assert.Throws<ArgumentException>(() => new Predictions([1f, 0f], [float.NaN], 1, 2, 1));
        Assert.Equal("embeddings", e.ParamName);
    }

    [Fact]
    public void RejectsEmbeddingDimWithoutEmbeddings()
    {
        var e = Assert.Throws<ArgumentException>(() => new Predictions([1f, 0f], null, 1, 2, 4));
        Assert.Equal("embeddingDim", e.ParamName);
    }

    [Fact]
    public void MissingEmbeddingsIsAClearError()
    {
        var p = TestPredictions.Of([1f, 0f]);
        var e = Assert.Throws<ArgumentException>(() => p.RequireEmbeddings("core-set"));
        Assert.Contains("core-set", e.Message);
    }

    [Fact]
    public void RowOutOfRangeThrows()
    {
        var p = TestPredictions.Of([1f, 0f]);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.ArgMax(1));
    }
}
