using System.Globalization;
using Workbench.Config;
using Workbench.Runs;
using Workbench.Selection;

namespace Workbench.Loop;

/// <summary>
/// How a round chooses and who decides the labels, built once from a config: a proposer of pseudo-labels (SSL, or CST
/// candidates that the oracle reviews), a query strategy (AL, labelled by the oracle), and the order in which they
/// share the candidates. The loop asks this object instead of branching on the recipe.
/// </summary>
public sealed class RoundPolicy
{
    /// <summary>Creates a policy; at most one sample is ever chosen by both sides (see <see cref="Select"/>).</summary>
    public RoundPolicy(ISelectionStrategy? proposals, bool reviewProposals, ISelectionStrategy? queries, SelectionOrder order)
    {
        if (reviewProposals && proposals is null)
            throw new ArgumentException("Reviewing proposals needs a proposer.", nameof(reviewProposals));
        Proposals = proposals;
        ReviewProposals = reviewProposals;
        Queries = queries;
        Order = order;
    }

    /// <summary>Proposes pseudo-labels (SSL) or CST candidates; null when the recipe adds none.</summary>
    public ISelectionStrategy? Proposals { get; }

    /// <summary>True when the oracle confirms, corrects or drops each proposal (CST); false when they go in unchecked (SSL).</summary>
    public bool ReviewProposals { get; }

    /// <summary>Chooses the samples the oracle labels (AL); null when the recipe asks nothing.</summary>
    public ISelectionStrategy? Queries { get; }

    /// <summary>Which side chooses first when there are both.</summary>
    public SelectionOrder Order { get; }

    /// <summary>True when any side needs embeddings (the pool is then predicted with them).</summary>
    public bool NeedsEmbeddings => (Proposals?.NeedsEmbeddings ?? false) || (Queries?.NeedsEmbeddings ?? false);

    /// <summary>True when rounds after round 0 add nothing (the baseline).</summary>
    public bool AddsNothing => Proposals is null && Queries is null;

    /// <summary>What a run folder records of this policy's strategies (role, name, source hash).</summary>
    public IReadOnlyList<StrategyRecord> Records() =>
        [.. new[] { (StrategyRole.Proposal, Proposals), (StrategyRole.Query, Queries) }
            .Where(p => p.Item2 is not null).Select(p => StrategyRecord.Of(p.Item1, p.Item2!))];

    /// <summary>The policy of <paramref name="config"/>'s recipe, with its strategies from the one registry.</summary>
    public static RoundPolicy From(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var recipe = config.ParsedRecipe();
        ISelectionStrategy? proposals = recipe.UsesPseudoLabels()
            ? SelectionStrategies.Create(recipe.UsesCst() ? "cst" : "pseudo-label", new StrategySettings(Threshold: config.PseudoLabelThreshold))
            : null;
        ISelectionStrategy? queries = recipe.UsesActiveLearning()
            ? SelectionStrategies.Create(config.ActiveLearning, new StrategySettings(
                Budget: config.Budget, Threshold: config.MarginThreshold, Cap: config.MarginCap, Scorer: config.QueryScorer,
                Balanced: config.BalancedQueries))
            : null;
        return new RoundPolicy(proposals, recipe.UsesCst(), queries, config.SelectionOrder);
    }

    /// <summary>
    /// Both selections on one context, disjoint: with <see cref="SelectionOrder.QueriesFirst"/> a sample both sides want
    /// is left to the oracle; with <see cref="SelectionOrder.PseudoLabelsFirst"/> the AL side never sees the pseudo-labelled
    /// samples. A side the recipe lacks returns an empty selection.
    /// </summary>
    public (SelectionResult Proposals, SelectionResult Queries) Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var noProposals = SelectionResult.Empty("the recipe proposes no pseudo-labels", withLabels: true);
        var noQueries = SelectionResult.Empty("the recipe queries nothing");
        if (Proposals is null) return (noProposals, Queries?.Select(context) ?? noQueries);
        if (Queries is null) return (RequireLabels(Proposals.Select(context)), noQueries);
        if (Order == SelectionOrder.PseudoLabelsFirst)
        {
            var first = RequireLabels(Proposals.Select(context));
            var rest = context.Without(first.Ids.ToHashSet());
            var queries = Queries.Select(rest);
            return (first, queries with { Reason = queries.Reason + string.Create(CultureInfo.InvariantCulture,
                $" (after removing {first.Count} pseudo-labelled candidates)") });
        }
        var asked = Queries.Select(context);
        return (Exclude(RequireLabels(Proposals.Select(context)), asked.Ids.ToHashSet()), asked);
    }

    private SelectionResult RequireLabels(SelectionResult proposals) => proposals.Labels is null
        ? throw new InvalidOperationException($"Strategy '{Proposals!.Name}' returned no labels; a proposer must propose labels.")
        : proposals;

    private SelectionResult Exclude(SelectionResult proposals, HashSet<int> queried)
    {
        var keep = Enumerable.Range(0, proposals.Count).Where(k => !queried.Contains(proposals.Ids[k])).ToArray();
        int overlap = proposals.Count - keep.Length;
        if (overlap == 0) return proposals;
        return new SelectionResult(keep.Select(k => proposals.Ids[k]).ToArray(), keep.Select(k => proposals.Scores[k]).ToArray(),
            keep.Select(k => proposals.Labels![k]).ToArray(),
            proposals.Reason + $"; {overlap} also chosen by {Queries!.Name} left to the oracle");
    }
}
