using Workbench.Engine;
namespace Workbench.Scoring;

/// <summary>
/// Top-1 minus top-2 class probability; a small margin means the model hesitates between two classes.
/// Computed at float precision (the precision of the probabilities), so ties such as [0.5, 0.5] give exactly 0.
/// </summary>
public sealed class MarginScorer : IScorer
{
    /// <inheritdoc/>
    public string Name => "margin";

    /// <inheritdoc/>
    public bool HigherIsMoreUncertain => false;

    /// <inheritdoc/>
    public double[] Score(Predictions predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var scores = new double[predictions.Count];
        for (int i = 0; i < scores.Length; i++) scores[i] = predictions.Margin(i);
        return scores;
    }
}
