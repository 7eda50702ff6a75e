using Workbench.Engine;
using Workbench.Loop;
using Workbench.Runs;
using Workbench.Tests.Loop;
using Workbench.Tests.Scoring;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class BadgeSelectionTests
{
    /// <summary>The gradient embedding g = (p − onehot(argmax p)) ⊗ h, built explicitly (what the strategy avoids).</summary>
    private static double[] Gradient(Predictions p, int i)
    {
        var a = p.Row(i).ToArray().Select(v => (double)v).ToArray();
        a[p.ArgMax(i)] -= 1;
        var h = p.Embedding(i).ToArray();
        return [.. a.SelectMany(ac => h.Select(hv => ac * hv))];
    }

    private static double Distance(double[] x, double[] y) => Math.Sqrt(x.Zip(y, (u, v) => (u - v) * (u - v)).Sum());

    private static Predictions RandomPool(int n, int classes, int width, int seed)
    {
        var random = new Random(seed);
        var probabilities = new float[n][];
        var embeddings = new float[n][];
        for (int i = 0; i < n; i++)
        {
            var logits = Enumerable.Range(0, classes).Select(_ => Math.Exp(3 * random.NextDouble())).ToArray();
            probabilities[i] = [.. logits.Select(l => (float)(l / logits.Sum()))];
            embeddings[i] = [.. Enumerable.Range(0, width).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        }
        return TestPredictions.WithEmbeddings(probabilities, embeddings);
    }

    [Fact]
    public void FirstPickHasTheLargestGradientNorm()
    {
        // Confident with a long embedding, uncertain with a short one, and uncertain with a long one (the largest ‖g‖).
        var p = TestPredictions.WithEmbeddings(
            [[0.98f, 0.01f, 0.01f], [0.4f, 0.35f, 0.25f], [0.4f, 0.35f, 0.25f], [0.9f, 0.05f, 0.05f]],
            [[10f, 0f], [1f, 0f], [0f, 3f], [2f, 2f]]);
        var selection = new BadgeSelection(budget: 1).Select(p, [10, 11, 12, 13], seed: 0);
        Assert.Equal([12], selection.Ids);
        // ‖p − onehot‖ = ‖(−0.6, 0.35, 0.25)‖, times ‖h‖ = 3.
        Assert.Equal(Math.Sqrt(0.36 + 0.1225 + 0.0625) * 3, selection.Scores[0], 5);
        Assert.Null(selection.Labels);
    }

    [Fact]
    public void DistancesAreThoseOfTheExplicitGradientEmbeddings()
    {
        var p = RandomPool(40, classes: 4, width: 6, seed: 2);
        var selection = new BadgeSelection(budget: 5).Select(p, TestPredictions.Ids(40, first: 0), seed: 9);
        var g = Enumerable.Range(0, 40).Select(i => Gradient(p, i)).ToArray();
        Assert.Equal(g.Select(x => Math.Sqrt(x.Sum(v => v * v))).ToList().IndexOf(g.Max(x => Math.Sqrt(x.Sum(v => v * v)))), selection.Ids[0]);
        for (int t = 1; t < 5; t++)
        {
            double nearest = selection.Ids.Take(t).Min(c => Distance(g[selection.Ids[t]], g[c]));
            Assert.Equal(nearest, selection.Scores[t], 4);
        }
    }

    [Fact]
    public void SpreadsOverGroupsInsteadOfRepeatingOne()
    {
        // Three groups of identical candidates: after a pick, its group weighs nothing in the D² draw.
        float[][] probabilities = [.. Enumerable.Range(0, 30).Select(i => i < 10 ? new[] { 0.6f, 0.4f } : i < 20 ? new[] { 0.3f, 0.7f } : new[] { 0.9f, 0.1f })];
        float[][] embeddings = [.. Enumerable.Range(0, 30).Select(i => i < 10 ? new[] { 1f, 0f } : i < 20 ? new[] { 0f, 1f } : new[] { 2f, 2f })];
        var p = TestPredictions.WithEmbeddings(probabilities, embeddings);
        foreach (int seed in Enumerable.Range(0, 10))
        {
            var selection = new BadgeSelection(budget: 3).Select(p, TestPredictions.Ids(30, first: 0), seed);
            Assert.Equal([0, 1, 2], selection.Ids.Select(id => id / 10).Order());
        }
    }

    [Fact]
    public void BudgetLargerThanPoolTakesWholePoolWithoutDuplicates()
    {
        // Duplicates leave every weight zero once their twins are picked: the rest still come, each once.
        var p = TestPredictions.WithEmbeddings(
            [[0.6f, 0.4f], [0.6f, 0.4f], [0.6f, 0.4f], [0.2f, 0.8f], [0.2f, 0.8f]], [[1f], [1f], [1f], [2f], [2f]]);
        var selection = new BadgeSelection(budget: 50).Select(p, [5, 6, 7, 8, 9], seed: 1);
        Assert.Equal([5, 6, 7, 8, 9], selection.Ids.Order());
    }

    [Fact]
    public void SameSeedSameSelectionAndTheSeedMatters()
    {
        var p = RandomPool(60, classes: 3, width: 8, seed: 4);
        var ids = TestPredictions.Ids(60);
        var strategy = new BadgeSelection(budget: 6);
        Assert.Equal(strategy.Select(p, ids, seed: 3).Ids, strategy.Select(p, ids, seed: 3).Ids);
        var distinct = Enumerable.Range(0, 6).Select(seed => string.Join(",", strategy.Select(p, ids, seed).Ids)).Distinct().Count();
        Assert.True(distinct > 1, "every seed gave the same selection: the D² draw is not seeded");
    }

    [Fact]
    public void MissingEmbeddingsIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => new BadgeSelection(1).Select(TestPredictions.Of([1f, 0f]), [1], 0));
        Assert.Contains("badge", e.Message);
    }

    [Fact]
    public void IsBuiltByNameAndRunsThroughAnExperimentRound()
    {
        Assert.Equal(9, Assert.IsType<BadgeSelection>(SelectionStrategies.Create("badge", new Dictionary<string, string> { ["budget"] = "9" })).Budget);
        Assert.Contains("badge", SelectionStrategies.QueryNames);

        using var data = SyntheticProblem.Create(trainCount: 60, testCount: 20, seed: 11);
        using var folder = new TempFolder();
        var config = SyntheticProblem.Config("al", rounds: 1) with { MaxSteps = 5, ActiveLearning = "badge", Budget = 5 };
        using var experiment = new Experiment(config, data, RunStore.Open(folder.Path, config));
        Assert.Equal(2, experiment.Run().Count);
        Assert.Equal(5, experiment.Labelled.Samples.Count(s => s.Provenance == Provenance.ActiveLearning));
        Assert.Equal("badge", Assert.Single(experiment.Store!.ReadStrategies()!).Name);
    }
}
