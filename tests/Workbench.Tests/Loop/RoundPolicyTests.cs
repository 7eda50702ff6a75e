using Workbench.Config;
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Selection;
using Workbench.Tests.Scoring;

namespace Workbench.Tests.Loop;

/// <summary>How a round combines pseudo-labels and queries (RoundPolicy), in both orders, and how a config builds it.</summary>
public class RoundPolicyTests
{
    // margins 0.4, 0.9, 0.04, 0.98 ; confidences 0.7, 0.95, 0.52, 0.99
    private static readonly Predictions P = TestPredictions.Of(
        [0.7f, 0.3f], [0.05f, 0.95f], [0.52f, 0.48f], [0.99f, 0.01f]);

    private static readonly int[] Ids = [5, 6, 7, 8];

    private static SelectionContext Context(Predictions p, IReadOnlyList<int> ids, int seed = 0) => new(p, ids, seed);

    [Fact]
    public void QueriesFirstLeavesSharedSamplesToTheOracle()
    {
        // pseudo-label (> 0.6) picks 5, 6, 8; margin < 0.5 picks 7 and 5
        var policy = new RoundPolicy(new PseudoLabelSelection(0.6), false, new MarginThresholdSelection(0.5), SelectionOrder.QueriesFirst);
        var (proposals, queries) = policy.Select(Context(P, Ids));
        Assert.Equal(new[] { 7, 5 }, queries.Ids);
        Assert.Equal(new[] { 6, 8 }, proposals.Ids);
        Assert.Equal(new[] { 1, 0 }, proposals.Labels);
        Assert.Equal(0.95, proposals.Scores[0], 5);
        Assert.Contains("oracle", proposals.Reason);
    }

    [Fact]
    public void PseudoLabelsFirstRemovesThemBeforeTheQueryStrategyRuns()
    {
        // The poster: pseudo-labels 5, 6, 8 are taken first; the AL side sees only 7.
        var policy = new RoundPolicy(new PseudoLabelSelection(0.6), false, new MarginThresholdSelection(0.5), SelectionOrder.PseudoLabelsFirst);
        var (proposals, queries) = policy.Select(Context(P, Ids));
        Assert.Equal(new[] { 5, 6, 8 }, proposals.Ids);
        Assert.Equal(new[] { 7 }, queries.Ids);
        Assert.Contains("after removing 3 pseudo-labelled", queries.Reason);
    }

    [Fact]
    public void PseudoLabelsFirstClustersOnlyTheRemainder()
    {
        // With a budget as large as the pool, cluster-margin would take every candidate; pseudo-labels first must shrink it.
        var predictions = RandomPool(60, seed: 3);
        var policy = new RoundPolicy(new PseudoLabelSelection(0.8), false, new ClusterMarginSelection(budget: 60), SelectionOrder.PseudoLabelsFirst);
        var (proposals, queries) = policy.Select(Context(predictions, TestPredictions.Ids(60), 2));
        Assert.NotEmpty(proposals.Ids);
        Assert.Equal(60 - proposals.Count, queries.Count);
        Assert.Empty(queries.Ids.Intersect(proposals.Ids));
    }

    [Fact]
    public void BothOrdersNeverChooseASampleTwice()
    {
        var predictions = RandomPool(200, seed: 3);
        foreach (var order in Enum.GetValues<SelectionOrder>())
        {
            var policy = new RoundPolicy(new PseudoLabelSelection(0.6), false, new ClusterMarginSelection(budget: 40), order);
            var (proposals, queries) = policy.Select(Context(predictions, TestPredictions.Ids(200), 2));
            Assert.Empty(queries.Ids.Intersect(proposals.Ids));
            Assert.InRange(queries.Count, 1, 40);
        }
    }

    [Fact]
    public void AProposerWithoutLabelsIsRejected()
    {
        var policy = new RoundPolicy(new RandomSelection(2), false, new RandomSelection(1), SelectionOrder.QueriesFirst);
        Assert.Throws<InvalidOperationException>(() => policy.Select(Context(P, Ids)));
    }

    [Fact]
    public void EmptyPoolGivesEmptySides()
    {
        var policy = new RoundPolicy(new PseudoLabelSelection(), false, new ClusterMarginSelection(), SelectionOrder.PseudoLabelsFirst);
        var (proposals, queries) = policy.Select(Context(Predictions.Empty(2, 4), []));
        Assert.Empty(proposals.Ids);
        Assert.Empty(queries.Ids);
    }

    [Theory]
    [InlineData("baseline", null, false, null)]
    [InlineData("ssl", "pseudo-label", false, null)]
    [InlineData("al", null, false, "cluster-margin")]
    [InlineData("ssl+al", "pseudo-label", false, "cluster-margin")]
    [InlineData("cst", "cst", true, null)]
    [InlineData("cst+al", "cst", true, "margin-threshold")]
    public void ConfigBuildsTheRecipesSidesFromTheOneFactory(string recipe, string? proposer, bool reviewed, string? queries)
    {
        var config = new ExperimentConfig
        {
            Recipe = recipe, PseudoLabelThreshold = 0.9, ActiveLearning = queries ?? "cluster-margin", Budget = 7,
            MarginThreshold = 0.3, SelectionOrder = SelectionOrder.PseudoLabelsFirst,
        };
        var policy = RoundPolicy.From(config);
        Assert.Equal(proposer, policy.Proposals?.Name);
        Assert.Equal(reviewed, policy.ReviewProposals);
        Assert.Equal(queries, policy.Queries?.Name);
        Assert.Equal(recipe == "baseline", policy.AddsNothing);
        Assert.Equal(SelectionOrder.PseudoLabelsFirst, policy.Order);
        if (policy.Proposals is PseudoLabelSelection ssl) Assert.Equal(0.9, ssl.Threshold);
        if (policy.Proposals is CstCandidateSelection cst) Assert.Equal(0.9, cst.Threshold);
        if (policy.Queries is ClusterMarginSelection cluster) Assert.Equal(7, cluster.Budget);
        if (policy.Queries is MarginThresholdSelection margin) Assert.Equal(0.3, margin.Threshold);
        Assert.Equal(queries == "cluster-margin", policy.NeedsEmbeddings);
    }

    private static Predictions RandomPool(int n, int seed)
    {
        var random = new Random(seed);
        var probabilities = new float[n][];
        var embeddings = new float[n][];
        for (int i = 0; i < n; i++)
        {
            float p = 0.5f + 0.5f * (float)random.NextDouble();
            probabilities[i] = [p, 1f - p];
            embeddings[i] = [(float)random.NextDouble(), (float)random.NextDouble()];
        }
        return TestPredictions.WithEmbeddings(probabilities, embeddings);
    }
}
