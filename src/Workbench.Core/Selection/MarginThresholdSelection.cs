using System.Globalization;
using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// Active learning by margin threshold (Nakamura et al. 2022): every candidate whose margin
/// (top-1 minus top-2 probability) is strictly below <see cref="Threshold"/>, ordered by margin
/// ascending (ties: lower candidate position first), optionally cut to the <see cref="Cap"/> smallest.
/// Scores are the margins; labels are null (the oracle labels them). The seed is unused.
/// </summary>
public sealed class MarginThresholdSelection : ISelectionStrategy
{
    /// <param name="threshold">Margin a candidate must stay below, in (0, 1].</param>
    /// <param name="cap">Most candidates to return, >= 1; null for no cap.</param>
    /// <param name="scorer">The measure (lower = more uncertain); the margin by default.</param>
    public MarginThresholdSelection(double threshold = 0.2, int? cap = null, IScorer? scorer = null)
    {
        Scorer = scorer ?? new MarginScorer();
        if (Scorer.HigherIsMoreUncertain)
            throw new ArgumentException($"A threshold from below needs a measure where lower = more uncertain; '{Scorer.Name}' is the opposite.", nameof(scorer));
        Threshold = SelectionRanking.CheckUnitThreshold(threshold, nameof(threshold));
        if (cap is not null) SelectionRanking.CheckPositive(cap.Value, nameof(cap));
        Cap = cap;
    }

    /// <summary>Margin a candidate must stay strictly below.</summary>
    public double Threshold { get; }

    /// <summary>Most candidates returned, or null for all that qualify.</summary>
    public int? Cap { get; }

    /// <summary>The measure compared with the threshold.</summary>
    public IScorer Scorer { get; }

    /// <inheritdoc/>
    public string Name => "margin-threshold";

    /// <inheritdoc/>
    public bool NeedsEmbeddings => false;

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (predictions, candidateIds, _) = context;
        // Compare at float precision, like the probabilities themselves.
        float threshold = (float)Threshold;
        var margins = Scorer.Score(predictions);
        var below = SelectionRanking.Order(margins, ascending: true)
            .Where(i => (float)margins[i] < threshold).ToArray();
        int qualifying = below.Length;
        var chosen = Cap is int cap && qualifying > cap ? below[..cap] : below;
        string reason = string.Create(CultureInfo.InvariantCulture,
            $"{chosen.Length} of {predictions.Count} candidates with {Scorer.Name} < {Threshold}")
            + (chosen.Length < qualifying ? $" ({qualifying} qualified; capped to the {Cap} smallest margins)" : "");
        return SelectionRanking.FromPositions(chosen, candidateIds, margins, null, reason);
    }
}
