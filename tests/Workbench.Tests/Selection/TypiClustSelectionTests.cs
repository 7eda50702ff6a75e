using Workbench.Engine;
using Workbench.Loop;
using Workbench.Runs;
using Workbench.Tests.Loop;
using Workbench.Tests.Scoring;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class TypiClustSelectionTests
{
    /// <summary>A side × side grid of spacing 1 centred on (x, y): its centre is strictly its most typical point.</summary>
    internal static float[][] Grid(float x, float y, int side)
    {
        int half = side / 2;
        return [.. from i in Enumerable.Range(-half, side) from j in Enumerable.Range(-half, side) select new[] { x + i, y + j }];
    }

    private static Predictions Pool(IReadOnlyList<float[]> embeddings) =>
        TestPredictions.WithEmbeddings([.. embeddings.Select(_ => new[] { 0.5f, 0.5f })], embeddings);

    private static SelectionContext With(Predictions pool, IReadOnlyList<int> ids, float[] labelled, int seed = 0) =>
        new(pool, ids, seed, [], () => labelled);

    [Fact]
    public void PicksTheDensestPointOfAClusterNotAnOutlier()
    {
        // One cluster (budget 1, nothing labelled): a 5 x 5 grid and a far outlier listed first.
        float[][] points = [[6f, 6f], .. Grid(0, 0, 5)];
        var selection = new TypiClustSelection(budget: 1).Select(Pool(points), TestPredictions.Ids(points.Length), seed: 0);
        int centre = Array.FindIndex(points, p => p[0] == 0 && p[1] == 0);
        Assert.Equal([100 + centre], selection.Ids);
        // k = min(20, 26 / 2) = 13 nearest of the centre: 4 at 1, 4 at √2, 4 at 2, 1 at √5.
        double meanDistance = (4 + 4 * Math.Sqrt(2) + 4 * 2 + Math.Sqrt(5)) / 13;
        Assert.Equal(1 / (meanDistance + 1e-5), selection.Scores[0], 6);
        Assert.Null(selection.Labels);
    }

    [Fact]
    public void PicksOnlyFromClustersWithoutALabelledSampleLargestFirst()
    {
        // Three far-apart grids: A (25, holding the one labelled sample), B (25) and C (9). Budget 2 -> 1 + 2 = 3 clusters.
        var a = Grid(0, 0, 5);
        var b = Grid(100, 0, 5);
        var c = Grid(0, 100, 3);
        float[][] points = [.. a, .. b, .. c];
        var ids = TestPredictions.Ids(points.Length);
        foreach (int seed in new[] { 0, 1, 7 })
        {
            var selection = new TypiClustSelection(budget: 2).Select(With(Pool(points), ids, [0.2f, 0.1f], seed));
            // B is as large as A with its labelled point less one: only the uncovered rule keeps A out.
            Assert.Equal([100 + a.Length + 12, 100 + a.Length + b.Length + 4], selection.Ids);
        }
    }

    [Fact]
    public void WithMoreBudgetThanUncoveredClustersItGoesRoundTheClustersAgainWithoutRepeats()
    {
        float[][] points = [.. Grid(0, 0, 5), .. Grid(100, 0, 5)];
        var ids = TestPredictions.Ids(points.Length);
        var selection = new TypiClustSelection(budget: 6).Select(Pool(points), ids, seed: 3);
        Assert.Equal(6, selection.Ids.Distinct().Count());
        // Budget 6 with nothing labelled asks for 6 clusters of 2 grids; every pick is still a candidate, picked once.
        Assert.All(selection.Ids, id => Assert.Contains(id, ids));
    }

    [Fact]
    public void BudgetLargerThanPoolTakesWholePool()
    {
        float[][] points = [[0f, 0f], [1f, 0f], [5f, 5f], [9f, 1f]];
        var ids = TestPredictions.Ids(points.Length);
        var selection = new TypiClustSelection(budget: 50).Select(With(Pool(points), ids, [0f, 0f]));
        Assert.Equal(ids, selection.Ids.Order());
    }

    [Fact]
    public void SameSeedSameSelection()
    {
        var random = new Random(5);
        float[][] points = [.. Enumerable.Range(0, 120).Select(_ => new[] { (float)random.NextDouble() * 10, (float)random.NextDouble() * 10 })];
        var ids = TestPredictions.Ids(points.Length);
        var strategy = new TypiClustSelection(budget: 8);
        Assert.Equal(strategy.Select(Pool(points), ids, seed: 4).Ids, strategy.Select(Pool(points), ids, seed: 4).Ids);
    }

    [Fact]
    public void LabelledEmbeddingsOfTheWrongWidthAndMissingEmbeddingsAreClearErrors()
    {
        var pool = Pool([[0f, 0f], [1f, 1f]]);
        var e = Assert.Throws<ArgumentException>(() => new TypiClustSelection(1).Select(With(pool, [1, 2], [0f, 0f, 0f])));
        Assert.Equal("context", e.ParamName);
        Assert.Contains("embedding width", e.Message);
        var none = Assert.Throws<ArgumentException>(() => new TypiClustSelection(1).Select(TestPredictions.Of([1f, 0f]), [1], 0));
        Assert.Contains("typiclust", none.Message);
    }

    [Fact]
    public void IsBuiltByNameAndRunsThroughAnExperimentRound()
    {
        var built = Assert.IsType<TypiClustSelection>(SelectionStrategies.Create("TypiClust",
            new Dictionary<string, string> { ["budget"] = "7", ["kmeansIterations"] = "3" }));
        Assert.Equal((7, 3), (built.Budget, built.KMeansIterations));
        Assert.Contains("typiclust", SelectionStrategies.QueryNames);

        using var data = SyntheticProblem.Create(trainCount: 60, testCount: 20, seed: 11);
        using var folder = new TempFolder();
        var config = SyntheticProblem.Config("al", rounds: 1) with { MaxSteps = 5, ActiveLearning = "typiclust", Budget = 5 };
        using var experiment = new Experiment(config, data, RunStore.Open(folder.Path, config));
        Assert.Equal(2, experiment.Run().Count);
        Assert.Equal(5, experiment.Labelled.Samples.Count(s => s.Provenance == Provenance.ActiveLearning));
        Assert.Equal("typiclust", Assert.Single(experiment.Store!.ReadStrategies()!).Name);
    }
}
