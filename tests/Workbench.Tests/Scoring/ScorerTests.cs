using Workbench.Scoring;
using Workbench.Engine;

namespace Workbench.Tests.Scoring;

public class ScorerTests
{
    private const float Third = 1f / 3f;

    // peaked, two-way tie, uniform, one-hot
    private static readonly Predictions Matrix = TestPredictions.Of(
        [0.7f, 0.2f, 0.1f],
        [0.5f, 0.5f, 0f],
        [Third, Third, Third],
        [1f, 0f, 0f]);

    [Fact]
    public void ConfidenceIsTheLargestProbability()
    {
        var scores = new ConfidenceScorer().Score(Matrix);
        AssertClose([0.7, 0.5, 1.0 / 3, 1.0], scores);
    }

    [Fact]
    public void LeastConfidenceIsOneMinusTheLargestProbability()
    {
        var scores = new LeastConfidenceScorer().Score(Matrix);
        AssertClose([0.3, 0.5, 2.0 / 3, 0.0], scores);
    }

    [Fact]
    public void MarginIsTopOneMinusTopTwo()
    {
        var scores = new MarginScorer().Score(Matrix);
        AssertClose([0.5, 0.0, 0.0, 1.0], scores);
        Assert.Equal(0.0, scores[1]); // an exact tie is exactly zero
    }

    [Fact]
    public void EntropyIsInNatsWithZeroLogZeroAsZero()
    {
        var scores = new EntropyScorer().Score(Matrix);
        double peaked = -(0.7 * Math.Log(0.7) + 0.2 * Math.Log(0.2) + 0.1 * Math.Log(0.1));
        AssertClose([peaked, Math.Log(2), Math.Log(3), 0.0], scores);
        Assert.Equal(0.80181855, peaked, 6); // hand-computed value, guards the formula above
    }

    [Fact]
    public void DirectionFlagsMatchTheMeasures()
    {
        Assert.False(new ConfidenceScorer().HigherIsMoreUncertain);
        Assert.False(new MarginScorer().HigherIsMoreUncertain);
        Assert.True(new EntropyScorer().HigherIsMoreUncertain);
        Assert.True(new LeastConfidenceScorer().HigherIsMoreUncertain);
    }

    [Fact]
    public void EmptyPredictionsGiveNoScores()
    {
        foreach (var scorer in Scorers.All)
            Assert.Empty(scorer.Score(Predictions.Empty(3)));
    }

    [Theory]
    [InlineData("confidence", typeof(ConfidenceScorer))]
    [InlineData("Margin", typeof(MarginScorer))]
    [InlineData("ENTROPY", typeof(EntropyScorer))]
    [InlineData("least-confidence", typeof(LeastConfidenceScorer))]
    [InlineData("least_confidence", typeof(LeastConfidenceScorer))]
    public void ByNameFindsEachScorer(string name, Type expected)
    {
        Assert.IsType(expected, Scorers.ByName(name));
    }

    [Fact]
    public void ByNameRejectsUnknownNameListingValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Scorers.ByName("bald"));
        Assert.Equal("name", e.ParamName);
        Assert.Contains("bald", e.Message);
        foreach (string valid in new[] { "confidence", "margin", "entropy", "least-confidence" })
            Assert.Contains(valid, e.Message);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-6, $"row {i}: expected {expected[i]}, got {actual[i]}");
    }
}
