using Workbench.Common;

namespace Workbench.Selection;

/// <summary>
/// Uniform random sampling without replacement, the baseline every AL strategy must beat.
/// Ids come in draw order (partial Fisher-Yates with <c>new Random(seed)</c>); scores are the
/// candidates' max probabilities, for plotting only; labels are null.
/// </summary>
public sealed class RandomSelection : ISelectionStrategy
{
    /// <param name="budget">Number of candidates to draw, >= 1.</param>
    public RandomSelection(int budget)
    {
        Budget = SelectionRanking.CheckPositive(budget, nameof(budget));
    }

    /// <summary>Number of candidates drawn (fewer when the pool is smaller).</summary>
    public int Budget { get; }

    /// <inheritdoc/>
    public string Name => "random";

    /// <inheritdoc/>
    public bool NeedsEmbeddings => false;

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (predictions, candidateIds, seed) = context;
        int n = predictions.Count;
        int take = Math.Min(Budget, n);
        var positions = new int[n];
        for (int i = 0; i < n; i++) positions[i] = i;
        SeededDraw.PartialShuffle(positions, take, seed);
        var confidence = new double[n];
        for (int i = 0; i < n; i++) confidence[i] = predictions.Max(i);
        string reason = $"{take} of {n} candidates drawn uniformly at random (seed {seed}); scores are max probabilities";
        return SelectionRanking.FromPositions(positions[..take], candidateIds, confidence, null, reason);
    }
}
