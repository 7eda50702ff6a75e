using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// Runs a pseudo-labelling strategy (pseudo-label or CST) and an active-learning strategy on the same
/// predictions so that no sample is added twice: an id chosen by the AL side is removed from the
/// pseudo-label side (AL takes precedence because the oracle's label is the more trustworthy).
/// </summary>
/// <remarks>
/// <see cref="SelectBoth"/> keeps the halves apart. <see cref="Select"/> returns their union for callers that only
/// need the ids: AL ids first, then the remaining pseudo-labelled ids, each with its own side's score (so the
/// scores mix two measures) and Labels null, because the AL half has no label yet.
/// Both sides receive the same seed.
/// </remarks>
public sealed class CombinedSelection : ISelectionStrategy
{
    /// <summary>Creates the combination.</summary>
    /// <param name="pseudoLabel">A strategy whose selections carry labels (pseudo-label, CST).</param>
    /// <param name="active">An active-learning strategy.</param>
    public CombinedSelection(ISelectionStrategy pseudoLabel, ISelectionStrategy active)
    {
        PseudoLabel = pseudoLabel ?? throw new ArgumentNullException(nameof(pseudoLabel));
        Active = active ?? throw new ArgumentNullException(nameof(active));
    }

    /// <summary>The pseudo-labelling side.</summary>
    public ISelectionStrategy PseudoLabel { get; }

    /// <summary>The active-learning side.</summary>
    public ISelectionStrategy Active { get; }

    /// <inheritdoc/>
    public string Name => $"{PseudoLabel.Name}+{Active.Name}";

    /// <summary>Both halves, disjoint: AL ids are removed from the pseudo-label half.</summary>
    /// <exception cref="InvalidOperationException">The pseudo-label side returned no labels.</exception>
    public CombinedSelectionResult SelectBoth(Predictions predictions, IReadOnlyList<int> candidateIds, int seed)
    {
        var queries = Active.Select(predictions, candidateIds, seed);
        var proposed = PseudoLabel.Select(predictions, candidateIds, seed);
        var proposedLabels = proposed.Labels ?? throw new InvalidOperationException(
            $"Strategy '{PseudoLabel.Name}' returned no labels; the pseudo-label side of a combination must propose labels.");

        var queried = queries.Ids.ToHashSet();
        var ids = new List<int>();
        var scores = new List<double>();
        var labels = new List<int>();
        for (int k = 0; k < proposed.Count; k++)
        {
            if (queried.Contains(proposed.Ids[k])) continue;
            ids.Add(proposed.Ids[k]);
            scores.Add(proposed.Scores[k]);
            labels.Add(proposedLabels[k]);
        }
        int overlap = proposed.Count - ids.Count;
        string reason = proposed.Reason + (overlap > 0 ? $"; {overlap} also chosen by {Active.Name} left to the oracle" : "");
        return new CombinedSelectionResult(new Selection(ids, scores, labels, reason), queries);
    }

    /// <inheritdoc/>
    public Selection Select(Predictions predictions, IReadOnlyList<int> candidateIds, int seed)
    {
        var both = SelectBoth(predictions, candidateIds, seed);
        var ids = both.Queries.Ids.Concat(both.PseudoLabels.Ids).ToArray();
        var scores = both.Queries.Scores.Concat(both.PseudoLabels.Scores).ToArray();
        string reason = $"AL ({Active.Name}): {both.Queries.Reason} | pseudo-labels ({PseudoLabel.Name}): {both.PseudoLabels.Reason}";
        return new Selection(ids, scores, null, reason);
    }
}
