// Loop layer: what one round chose, before the oracle is asked.
using Workbench.Selection;

namespace Workbench.Loop;

/// <summary>
/// What one round chose, on one set of predictions, disjoint by construction: pseudo-labels (SSL) or CST proposals
/// with their proposed labels, and the active-learning queries. The oracle reviews and answers in
/// <see cref="Experiment.Label"/>. Each selection keeps the scores behind it.
/// </summary>
public sealed record RoundSelection(int Round, SelectionResult PseudoLabels, SelectionResult Queries, int Candidates, TimeSpan Duration)
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
        return this;
    }
}
