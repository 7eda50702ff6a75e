using System.Globalization;
using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// Self-training: every candidate whose largest class probability is strictly above
/// <see cref="Threshold"/> is selected with its argmax as pseudo-label. Ids keep candidate order;
/// scores are the max probabilities. The seed is unused (nothing is random).
/// </summary>
/// <remarks>
/// The comparison happens at float precision (the precision of the probabilities), so a stored
/// probability of 0.97f is "exactly 0.97" and is not above a threshold of 0.97.
/// </remarks>
public sealed class PseudoLabelSelection : ISelectionStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="threshold">Confidence a candidate must exceed, in (0, 1].</param>
    public PseudoLabelSelection(double threshold = 0.97)
    {
        Threshold = SelectionRanking.CheckUnitThreshold(threshold, nameof(threshold));
    }

    /// <summary>Confidence a candidate must strictly exceed.</summary>
    public double Threshold { get; }

    /// <inheritdoc/>
    public string Name => "pseudo-label";

    /// <inheritdoc/>
    public Selection Select(Predictions predictions, IReadOnlyList<int> candidateIds, int seed)
    {
        SelectionRanking.ValidateCandidates(predictions, candidateIds);
        float threshold = (float)Threshold;
        var positions = new List<int>();
        var confidence = new double[predictions.Count];
        for (int i = 0; i < predictions.Count; i++)
        {
            float max = predictions.Max(i);
            confidence[i] = max;
            if (max > threshold) positions.Add(i);
        }
        string reason = string.Create(CultureInfo.InvariantCulture,
            $"{positions.Count} of {predictions.Count} candidates with max probability > {Threshold}; label = argmax");
        return SelectionRanking.FromPositions(positions, candidateIds, confidence, predictions, reason);
    }
}
