using Workbench.Engine;

namespace Workbench.Selection;

/// <summary>
/// BALD with MC-dropout (Houlsby et al. 2011; Gal, Islam &amp; Ghahramani 2017): the <see cref="Budget"/> candidates
/// on whose class the model's dropout samples disagree most, i.e. with the largest mutual information between the
/// prediction and the weights, I = H(mean over passes of p) − mean over passes of H(p). Unlike entropy or margin it is
/// small for an image every pass finds ambiguous in the same way (noise the model cannot learn away) and large where
/// the passes are each confident but contradict one another. Top-k, not BatchBALD: the budget's images are chosen
/// independently. Needs an architecture with dropout before its classifier (<see cref="SamplesDropout"/>).
/// </summary>
public sealed class BaldSelection : ISelectionStrategy
{
    /// <summary>MC-dropout passes per candidate by default (baal's and Gal et al.'s 20).</summary>
    public const int DefaultSamples = 20;

    /// <summary>Creates the strategy.</summary>
    /// <param name="budget">Candidates to choose, >= 1.</param>
    /// <param name="samples">MC-dropout passes per candidate, >= 2.</param>
    public BaldSelection(int budget, int samples = DefaultSamples)
    {
        Budget = SelectionRanking.CheckPositive(budget, nameof(budget));
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "BALD needs at least 2 MC-dropout passes to see disagreement");
        Samples = samples;
    }

    /// <summary>Candidates chosen (fewer when the pool is smaller).</summary>
    public int Budget { get; }

    /// <summary>MC-dropout passes per candidate.</summary>
    public int Samples { get; }

    /// <inheritdoc/>
    public string Name => "bald";

    /// <inheritdoc/>
    public bool NeedsEmbeddings => false;

    /// <inheritdoc/>
    public bool SamplesDropout => true;

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateIds.Count == 0) return SelectionRanking.FromPositions([], context.CandidateIds, [], null, "no candidates");
        var scores = MutualInformation(context.SampleWithDropout(Samples));
        var order = SelectionRanking.Order(scores, ascending: false);
        var chosen = order[..Math.Min(Budget, order.Length)];
        return SelectionRanking.FromPositions(chosen, context.CandidateIds, scores, null,
            $"{chosen.Length} of {scores.Length} candidates with the largest BALD mutual information over {Samples} MC-dropout passes (budget {Budget})");
    }

    /// <summary>The BALD score of every image (nats): entropy of the mean prediction minus the mean entropy of the passes.</summary>
    public static double[] MutualInformation(SampledPredictions sampled)
    {
        ArgumentNullException.ThrowIfNull(sampled);
        var scores = new double[sampled.Count];
        var mean = new double[sampled.NumClasses];
        for (int i = 0; i < sampled.Count; i++)
        {
            Array.Clear(mean);
            double expectedEntropy = 0;
            for (int t = 0; t < sampled.Samples; t++)
            {
                var p = sampled.Row(i, t);
                for (int c = 0; c < p.Length; c++)
                {
                    mean[c] += p[c];
                    expectedEntropy -= Plogp(p[c]);
                }
            }
            double entropyOfMean = 0;
            for (int c = 0; c < mean.Length; c++) entropyOfMean -= Plogp(mean[c] / sampled.Samples);
            // Jensen makes it >= 0; float rounding can leave a tiny negative for passes that all agree.
            scores[i] = Math.Max(0, entropyOfMean - (expectedEntropy / sampled.Samples));
        }
        return scores;
    }

    private static double Plogp(double p) => p > 0 ? p * Math.Log(p) : 0;
}
