using Workbench.Selection;
namespace Workbench.Oracle;

/// <summary>
/// The confirmation step of confirmed self-training (Nakamura et al. 2022): the oracle checks every proposed
/// pseudo-label, confirming it, correcting it, or rejecting the sample as undecidable.
/// </summary>
public static class ConfirmedSelfTraining
{
    /// <summary>Asks <paramref name="oracle"/> about every id of <paramref name="pseudoLabels"/>, in order.</summary>
    /// <exception cref="ArgumentException">The selection carries no proposed labels (it came from an AL strategy).</exception>
    public static IReadOnlyList<CstOutcome> Review(SelectionResult pseudoLabels, IOracle oracle)
    {
        ArgumentNullException.ThrowIfNull(pseudoLabels);
        ArgumentNullException.ThrowIfNull(oracle);
        var proposed = pseudoLabels.Labels ?? throw new ArgumentException(
            "The selection has no proposed labels; CST reviews the output of a pseudo-labelling strategy.", nameof(pseudoLabels));

        var outcomes = new CstOutcome[pseudoLabels.Count];
        for (int k = 0; k < outcomes.Length; k++)
        {
            int id = pseudoLabels.Ids[k];
            int? answer = oracle.Label(id);
            var verdict = answer is null ? CstVerdict.Rejected
                : answer == proposed[k] ? CstVerdict.Confirmed
                : CstVerdict.Corrected;
            outcomes[k] = new CstOutcome(id, proposed[k], answer, verdict);
        }
        return outcomes;
    }
}
