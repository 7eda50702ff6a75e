using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// Uncertainty sampling (modAL's <c>uncertainty_sampling</c>): the <see cref="Budget"/> most uncertain
/// candidates by any <see cref="IScorer"/>, most uncertain first; equal scores keep the lower candidate
/// position first. Scores are the scorer's values; labels are null. The seed is unused.
/// </summary>
public sealed class TopKUncertaintySelection : ISelectionStrategy
{
    /// <param name="scorer">Uncertainty measure to rank by.</param>
    /// <param name="budget">Number of candidates to choose, >= 1.</param>
    public TopKUncertaintySelection(IScorer scorer, int budget)
    {
        Scorer = scorer ?? throw new ArgumentNullException(nameof(scorer));
        Budget = SelectionRanking.CheckPositive(budget, nameof(budget));
    }

    /// <summary>Uncertainty measure used for ranking.</summary>
    public IScorer Scorer { get; }

    /// <summary>Number of candidates chosen (fewer when the pool is smaller).</summary>
    public int Budget { get; }

    /// <inheritdoc/>
    public string Name => "top-k";

    /// <inheritdoc/>
    public bool NeedsEmbeddings => false;

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (predictions, candidateIds, _) = context;
        var scores = Scorer.Score(predictions);
        var order = SelectionRanking.Order(scores, ascending: !Scorer.HigherIsMoreUncertain);
        var chosen = order[..Math.Min(Budget, order.Length)];
        string direction = Scorer.HigherIsMoreUncertain ? "highest" : "lowest";
        string reason = $"{chosen.Length} of {predictions.Count} candidates with the {direction} {Scorer.Name} (budget {Budget})";
        return SelectionRanking.FromPositions(chosen, candidateIds, scores, null, reason);
    }
}
