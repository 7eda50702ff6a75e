using Workbench.Selection;
using SelectionResult = Workbench.Selection.Selection;

namespace Workbench.Loop;

/// <summary>
/// What one round chose, on one set of predictions, disjoint by construction: pseudo-labels (SSL; CST proposals
/// before review) with their proposed labels, the oracle's review of CST proposals, and the active-learning queries
/// (labelled by the oracle in <see cref="Experiment.Label"/>). Each selection keeps the scores behind it.
/// </summary>
public sealed record RoundSelection(
    int Round, SelectionResult PseudoLabels, IReadOnlyList<CstOutcome> CstReviews, SelectionResult Queries, int Candidates, TimeSpan Duration)
{
    /// <summary>True when nothing was chosen.</summary>
    public bool IsEmpty => PseudoLabels.Count == 0 && Queries.Count == 0;

    /// <summary>
    /// This selection, after checking that every chosen id is one of <paramref name="candidates"/> and is chosen once
    /// (a strategy bug must not corrupt the labelled pool).
    /// </summary>
    /// <exception cref="InvalidOperationException">An id is chosen twice or is not a candidate.</exception>
    public RoundSelection CheckedAgainst(IReadOnlyList<int> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var allowed = candidates.ToHashSet();
        var seen = new HashSet<int>();
        foreach (int id in PseudoLabels.Ids.Concat(Queries.Ids))
            if (!allowed.Contains(id) || !seen.Add(id))
                throw new InvalidOperationException($"Round {Round}: sample {id} was chosen twice or is not a candidate.");
        if (CstReviews.Count != 0 && CstReviews.Count != PseudoLabels.Count)
            throw new InvalidOperationException($"Round {Round}: {CstReviews.Count} CST reviews for {PseudoLabels.Count} proposals.");
        return this;
    }
}
