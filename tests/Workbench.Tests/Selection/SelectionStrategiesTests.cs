using Workbench.Scoring;
using Workbench.Engine;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class SelectionStrategiesTests
{
    private static Dictionary<string, string> Args(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void DefaultsFollowThePapers()
    {
        Assert.Equal(0.97, Assert.IsType<PseudoLabelSelection>(SelectionStrategies.Create("pseudo-label")).Threshold);
        Assert.Equal(0.99, Assert.IsType<CstCandidateSelection>(SelectionStrategies.Create("cst")).Threshold);
        Assert.Equal(100, Assert.IsType<ClusterMarginSelection>(SelectionStrategies.Create("cluster-margin")).Budget);
        var margin = Assert.IsType<MarginThresholdSelection>(SelectionStrategies.Create("margin-threshold"));
        Assert.Equal(0.2, margin.Threshold);
        Assert.Null(margin.Cap);
    }

    [Fact]
    public void ParametersAreParsedCaseInsensitively()
    {
        var cluster = Assert.IsType<ClusterMarginSelection>(
            SelectionStrategies.Create("Cluster_Margin", Args(("BUDGET", "50"), ("kmeansiterations", "7"))));
        Assert.Equal(50, cluster.Budget);
        Assert.Equal(7, cluster.KMeansIterations);

        var topK = Assert.IsType<TopKUncertaintySelection>(SelectionStrategies.Create("top-k", Args(("scorer", "entropy"), ("budget", "3"))));
        Assert.IsType<EntropyScorer>(topK.Scorer);
        Assert.Equal(3, topK.Budget);

        Assert.Equal(25, Assert.IsType<MarginThresholdSelection>(SelectionStrategies.Create("margin-threshold", Args(("cap", "25")))).Cap);
        Assert.Equal(8, Assert.IsType<RandomSelection>(SelectionStrategies.Create("random", Args(("budget", "8")))).Budget);
        Assert.Equal(9, Assert.IsType<CoreSetSelection>(SelectionStrategies.Create("core-set", Args(("budget", "9")))).Budget);
    }

    [Fact]
    public void UnknownStrategyListsValidNames()
    {
        var e = Assert.Throws<ArgumentException>(() => SelectionStrategies.Create("batchbald"));
        Assert.Equal("name", e.ParamName);
        Assert.Contains("cluster-margin", e.Message);
        Assert.Contains("pseudo-label", e.Message);
    }

    [Fact]
    public void UnknownParameterIsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => SelectionStrategies.Create("pseudo-label", Args(("treshold", "0.9"))));
        Assert.Equal("treshold", e.ParamName);
        Assert.Contains("threshold", e.Message);
    }

    [Fact]
    public void UnparsableValueNamesTheField()
    {
        var e = Assert.Throws<ArgumentException>(() => SelectionStrategies.Create("pseudo-label", Args(("threshold", "high"))));
        Assert.Equal("threshold", e.ParamName);
        Assert.Contains("high", e.Message);
        Assert.Equal("budget", Assert.Throws<ArgumentException>(() => SelectionStrategies.Create("random", Args(("budget", "1.5")))).ParamName);
        Assert.Equal("scorer", Assert.Throws<ArgumentException>(() => SelectionStrategies.Create("top-k", Args(("scorer", "bald")))).ParamName);
    }

    [Fact]
    public void OutOfRangeValueNamesTheField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SelectionStrategies.Create("cluster-margin", Args(("budget", "0"))));
        Assert.Equal("budget", e.ParamName);
        Assert.Contains("cluster-margin", e.Message);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(
            () => SelectionStrategies.Create("margin-threshold", Args(("threshold", "1.5")))).ParamName);
    }

    [Fact]
    public void EveryStrategyReturnsAnEmptySelectionForAnEmptyPool()
    {
        foreach (string name in SelectionStrategies.Names)
        {
            var selection = SelectionStrategies.Create(name).Select(Predictions.Empty(3, 4), [], seed: 0);
            Assert.True(selection.Count == 0, $"{name} selected from an empty pool");
        }
    }
}
