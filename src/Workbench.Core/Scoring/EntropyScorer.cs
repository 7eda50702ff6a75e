using Workbench.Engine;
namespace Workbench.Scoring;

/// <summary>
/// Shannon entropy -sum p ln p in nats (natural log), with 0 ln 0 taken as 0; high means uncertain.
/// Ranges from 0 (one-hot) to ln(NumClasses) (uniform).
/// </summary>
public sealed class EntropyScorer : IScorer
{
    /// <inheritdoc/>
    public string Name => "entropy";

    /// <inheritdoc/>
    public bool HigherIsMoreUncertain => true;

    /// <inheritdoc/>
    public double[] Score(Predictions predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var scores = new double[predictions.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            double entropy = 0;
            foreach (float p in predictions.Row(i))
                if (p > 0f) entropy -= p * Math.Log(p);
            // A float row summing to 1 +- tolerance can push a near-one-hot entropy a hair below zero.
            scores[i] = Math.Max(0.0, entropy);
        }
        return scores;
    }
}
