using System.Globalization;
using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// Self-training: every candidate whose certainty (by default the largest class probability, <see cref="ConfidenceScorer"/>)
/// is strictly above <see cref="Threshold"/> is selected with its argmax as pseudo-label. Ids keep candidate order;
/// scores are the measure's values. The seed is unused (nothing is random).
/// </summary>
/// <remarks>
/// The comparison happens at float precision (the precision of the probabilities), so a stored
/// probability of 0.97f is "exactly 0.97" and is not above a threshold of 0.97.
/// </remarks>
public sealed class PseudoLabelSelection : ISelectionStrategy
{
    /// <param name="threshold">Certainty a candidate must exceed, in (0, 1].</param>
    /// <param name="scorer">A certainty measure (higher = more certain); confidence by default.</param>
    /// <exception cref="ArgumentException">The scorer is an uncertainty measure (higher = less certain).</exception>
    public PseudoLabelSelection(double threshold = 0.97, IScorer? scorer = null)
    {
        Threshold = SelectionRanking.CheckUnitThreshold(threshold, nameof(threshold));
        Scorer = scorer ?? new ConfidenceScorer();
        if (Scorer.HigherIsMoreUncertain)
            throw new ArgumentException($"Pseudo-labels need a certainty measure; '{Scorer.Name}' grows with uncertainty.", nameof(scorer));
    }

    /// <summary>Certainty a candidate must strictly exceed.</summary>
    public double Threshold { get; }

    /// <summary>The certainty measure.</summary>
    public IScorer Scorer { get; }

    /// <inheritdoc/>
    public string Name => "pseudo-label";

    /// <inheritdoc/>
    public bool NeedsEmbeddings => false;

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (predictions, candidateIds, _) = context;
        float threshold = (float)Threshold;
        var certainty = Scorer.Score(predictions);
        var positions = Enumerable.Range(0, certainty.Length).Where(i => (float)certainty[i] > threshold).ToArray();
        string reason = string.Create(CultureInfo.InvariantCulture,
            $"{positions.Length} of {predictions.Count} candidates with {Scorer.Name} > {Threshold}; label = argmax");
        return SelectionRanking.FromPositions(positions, candidateIds, certainty, predictions, reason);
    }
}
