using Workbench.Engine;
namespace Workbench.Scoring;

/// <summary>One minus the largest class probability; high means uncertain.</summary>
public sealed class LeastConfidenceScorer : IScorer
{
    /// <inheritdoc/>
    public string Name => "least-confidence";

    /// <inheritdoc/>
    public bool HigherIsMoreUncertain => true;

    /// <inheritdoc/>
    public double[] Score(Predictions predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var scores = new double[predictions.Count];
        for (int i = 0; i < scores.Length; i++) scores[i] = 1.0 - predictions.Max(i);
        return scores;
    }
}
