namespace Workbench.Selection;

/// <summary>
/// Candidates for confirmed self-training (CST, Nakamura et al. 2022): the same rule as
/// <see cref="PseudoLabelSelection"/> (max probability strictly above the threshold, label = argmax),
/// under its own name and with the paper's default 0.99. The confirm/correct/reject step is not part of
/// selection: pass the result to <see cref="ConfirmedSelfTraining.Review"/> with an <see cref="IOracle"/>.
/// </summary>
/// <remarks>
/// The paper says "probability >= 0.99"; we keep the strict rule of pseudo-labelling so that one threshold
/// means the same thing everywhere (with float probabilities the two differ only at exactly 0.99).
/// </remarks>
public sealed class CstCandidateSelection : ISelectionStrategy
{
    private readonly PseudoLabelSelection _rule;

    /// <param name="threshold">Confidence a candidate must exceed, in (0, 1].</param>
    public CstCandidateSelection(double threshold = 0.99)
    {
        _rule = new PseudoLabelSelection(threshold);
    }

    /// <summary>Confidence a candidate must strictly exceed.</summary>
    public double Threshold => _rule.Threshold;

    /// <inheritdoc/>
    public string Name => "cst";

    /// <inheritdoc/>
    public bool NeedsEmbeddings => false;

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        var selection = _rule.Select(context);
        return selection with { Reason = "CST candidates (to be confirmed by the oracle): " + selection.Reason };
    }
}
