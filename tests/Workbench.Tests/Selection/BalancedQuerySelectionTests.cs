using Workbench.Config;
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Reproductions;
using Workbench.Runs;
using Workbench.Tests.Loop;
using Workbench.Tests.Scoring;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class BalancedQuerySelectionTests
{
    /// <summary>A 3-class row predicting <paramref name="predicted"/> with margin <paramref name="margin"/>.</summary>
    private static float[] Row(int predicted, float margin)
    {
        var row = new float[3];
        row[predicted] = 0.45f + margin / 2;
        row[(predicted + 1) % 3] = 0.45f - margin / 2;
        row[(predicted + 2) % 3] = 0.1f;
        return row;
    }

    /// <summary>
    /// Six candidates predicted class 0 (margins 0.01-0.06, the most uncertain), six predicted class 1 (0.10-0.15) and one
    /// predicted class 2 (0.09); ids 100 + position.
    /// </summary>
    private static Predictions Skewed() => TestPredictions.WithEmbeddings(
        [.. Enumerable.Range(0, 6).Select(i => Row(0, 0.01f * (i + 1))), .. Enumerable.Range(0, 6).Select(i => Row(1, 0.10f + 0.01f * i)), Row(2, 0.09f)],
        [.. Enumerable.Range(0, 13).Select(i => new[] { (float)i, (float)(i % 3) })]);

    private static ISelectionStrategy Create(string name, params (string Key, string Value)[] parameters) =>
        SelectionStrategies.Create(name, parameters.ToDictionary(p => p.Key, p => p.Value));

    private static int[] PredictedClasses(Predictions pool, IEnumerable<int> ids) => [.. ids.Select(id => pool.ArgMax(id - 100))];

    [Fact]
    public void SpreadsTheBudgetAcrossPredictedClassesInRankOrder()
    {
        var pool = Skewed();
        var plain = Create("top-k", ("budget", "3")).Select(pool, TestPredictions.Ids(13), seed: 0);
        Assert.Equal([100, 101, 102], plain.Ids);

        var balanced = Create("top-k", ("budget", "3"), ("balanced", "true")).Select(pool, TestPredictions.Ids(13), seed: 0);
        // Each class's most uncertain, best-ranked class first; the scores stay the wrapped strategy's.
        Assert.Equal([100, 112, 106], balanced.Ids);
        Assert.Equal([0.01, 0.09, 0.10], balanced.Scores.Select(s => Math.Round(s, 4)));
        Assert.Contains("class-balanced", balanced.Reason);
    }

    [Fact]
    public void AClassThatRunsOutLeavesItsShareToTheOthersNextBest()
    {
        var pool = Skewed();
        var selection = Create("top-k", ("budget", "6"), ("balanced", "true")).Select(pool, TestPredictions.Ids(13), seed: 0);
        // Pass 1: classes 0, 2, 1; class 2 has nothing more, so passes 2 and 3 alternate classes 0 and 1.
        Assert.Equal([100, 112, 106, 101, 107, 102], selection.Ids);
        Assert.Equal([0, 2, 1, 0, 1, 0], PredictedClasses(pool, selection.Ids));
    }

    [Fact]
    public void TheWrappedStrategyRanksAWiderListThanItsBudget()
    {
        // margin-threshold has a cap, not a budget: capped at 3 it returns only class-0 candidates, balanced it ranks 3 x 3.
        var pool = Skewed();
        var plain = Create("margin-threshold", ("threshold", "0.6"), ("cap", "3")).Select(pool, TestPredictions.Ids(13), seed: 0);
        Assert.Equal([0, 0, 0], PredictedClasses(pool, plain.Ids));
        var balanced = Create("margin-threshold", ("threshold", "0.6"), ("cap", "3"), ("balanced", "true"));
        Assert.Equal(3, Assert.IsType<BalancedQuerySelection>(balanced).Quota);
        Assert.Equal([100, 112, 106], balanced.Select(pool, TestPredictions.Ids(13), seed: 0).Ids);

        // A clustering strategy is widened too: badge with budget 2 on 13 candidates ranks 6, then balances them.
        var badge = Create("badge", ("budget", "2"), ("balanced", "true")).Select(pool, TestPredictions.Ids(13), seed: 0);
        Assert.Equal(2, badge.Ids.Distinct().Count());
        Assert.NotEqual(PredictedClasses(pool, badge.Ids)[0], PredictedClasses(pool, badge.Ids)[1]);
    }

    [Fact]
    public void ItIsAnOptionOfQueryStrategiesOnlyAndChangesTheSourceHashNotTheName()
    {
        // Built-ins only: other tests register strategies of their own in the same process.
        foreach (string name in SelectionStrategies.All.Where(r => r.BuiltIn && r.IsQuery).Select(r => r.Name))
        {
            var balanced = Create(name, ("balanced", "TRUE"));
            Assert.IsType<BalancedQuerySelection>(balanced);
            Assert.Equal(name, balanced.Name);
            Assert.NotEqual(StrategySource.Hash(Create(name)), StrategySource.Hash(balanced));
            Assert.Empty(balanced.Select(Predictions.Empty(3, 4), [], seed: 0).Ids);
        }
        Assert.IsNotType<BalancedQuerySelection>(Create("top-k", ("balanced", "false")));
        Assert.Equal("balanced", Assert.Throws<ArgumentException>(() => Create("pseudo-label", ("balanced", "true"))).ParamName);
        var bad = Assert.Throws<ArgumentException>(() => Create("top-k", ("balanced", "yes")));
        Assert.Equal("balanced", bad.ParamName);
        Assert.Contains("true or false", bad.Message);
    }

    [Fact]
    public void TheConfigFieldIsPartOfTheRunsIdentityButNotOfRoundZero()
    {
        var plain = SyntheticProblem.Config("al", rounds: 1);
        var balanced = plain with { BalancedQueries = true };
        string json = balanced.ToJson();
        Assert.Contains("\"balancedQueries\": true", json);
        Assert.Equal(balanced, ExperimentConfigJson.FromJson(json));
        // Configs written before the field existed read as unbalanced.
        string old = plain.ToJson().Replace("  \"balancedQueries\": false,\n", "");
        Assert.DoesNotContain("balancedQueries", old);
        Assert.Equal(plain, ExperimentConfigJson.FromJson(old));

        Assert.Equal("balancedQueries", Assert.Single(ExperimentConfigJson.Differences(plain, balanced)).Field);
        Assert.Throws<ConfigMismatchException>(() => ExperimentConfigJson.RequireResumable(plain, balanced, "runs/x"));
        Assert.True(RoundZeroDonor.ShareRoundZero(plain, balanced));
        Assert.EndsWith("-seed3-balanced", RunFolderName.For(balanced, false, Precision.Fp32));
        Assert.EndsWith("-seed3-random-balanced", RunFolderName.For(balanced with { ActiveLearning = "random" }, true, Precision.Fp32));
        Assert.EndsWith("-seed3", RunFolderName.For(plain, false, Precision.Fp32));
        Assert.IsType<BalancedQuerySelection>(RoundPolicy.From(balanced).Queries);
        Assert.IsType<ClusterMarginSelection>(RoundPolicy.From(plain).Queries);
    }

    [Fact]
    public void ABalancedStrategyRunsThroughAnExperimentRound()
    {
        using var data = SyntheticProblem.Create(trainCount: 60, testCount: 20, seed: 11);
        using var folder = new TempFolder();
        var config = SyntheticProblem.Config("al", rounds: 1) with { MaxSteps = 5, ActiveLearning = "typiclust", Budget = 8, BalancedQueries = true };
        using var experiment = new Experiment(config, data, RunStore.Open(folder.Path, config));
        Assert.Equal(2, experiment.Run().Count);
        Assert.Equal(8, experiment.Labelled.Samples.Count(s => s.Provenance == Provenance.ActiveLearning));
        var record = Assert.Single(experiment.Store!.ReadStrategies()!);
        Assert.Equal("typiclust", record.Name);
        Assert.Equal(StrategySource.Hash(RoundPolicy.From(config).Queries!), record.SourceHash);
    }
}
