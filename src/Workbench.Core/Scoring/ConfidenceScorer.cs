using Workbench.Engine;
namespace Workbench.Scoring;

/// <summary>Largest class probability; low confidence means uncertain.</summary>
public sealed class ConfidenceScorer : IScorer
{
    /// <inheritdoc/>
    public string Name => "confidence";

    /// <inheritdoc/>
    public bool HigherIsMoreUncertain => false;

    /// <inheritdoc/>
    public double[] Score(Predictions predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var scores = new double[predictions.Count];
        for (int i = 0; i < scores.Length; i++) scores[i] = predictions.Max(i);
        return scores;
    }
}
