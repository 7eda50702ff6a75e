namespace Workbench.Reports;

/// <summary>How a gallery's tiles are spread over its candidates.</summary>
public enum TileStrata
{
    /// <summary>Wrong and right tiles each spread over the labels shown as "pred" (e.g. the label a pseudo-label gives).</summary>
    PredictedLabel,

    /// <summary>Wrong and right tiles each spread over the true labels (e.g. what the oracle answers to AL queries).</summary>
    TrueLabel,

    /// <summary>
    /// Wrong tiles spread over their (pred → true) pairs, the most frequent pair first (e.g. an expert's corrections);
    /// right tiles over the predicted label.
    /// </summary>
    ConfusedPair,
}

/// <summary>One sample a gallery may show: its id, the label shown as "pred", the true label when known, and a score.</summary>
public sealed record TileCandidate(int Id, int Predicted, int? Truth, double Score)
{
    /// <summary>True when the truth is known and differs from the prediction.</summary>
    public bool IsWrong => Truth is int t && t != Predicted;
}

/// <summary>
/// Draws a gallery's tiles from its candidates: wrong and right side by side (up to half wrong, more when too few are
/// right), each side stratified by <see cref="TileStrata"/>. Strata take turns, largest first (for pairs: the most
/// frequent pair first), so every stratum present gets a tile before any gets a second; within a stratum the draw is a
/// shuffle seeded by <c>seed</c>. Tiles come back wrong first, grouped by stratum in that order.
/// </summary>
public static class TileSampling
{
    /// <summary>The tiles to show, in display order.</summary>
    public static IReadOnlyList<TileCandidate> Draw(IReadOnlyList<TileCandidate> candidates, int maxTiles, TileStrata strata, int seed)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTiles);
        var wrong = candidates.Where(c => c.IsWrong).ToList();
        var right = candidates.Where(c => !c.IsWrong).ToList();
        var (wrongShown, rightShown) = Quota(wrong.Count, right.Count, maxTiles);
        var random = new Random(seed);
        return [.. Stratified(wrong, c => WrongKey(c, strata), wrongShown, random), .. Stratified(right, c => RightKey(c, strata), rightShown, random)];
    }

    /// <summary>How <see cref="Draw"/> chose, for a gallery's title, e.g. "8 wrong (orange) + 8 right, stratified by pred label, seed 0".</summary>
    public static string Describe(IReadOnlyList<TileCandidate> shown, TileStrata strata, int seed)
    {
        ArgumentNullException.ThrowIfNull(shown);
        int wrong = shown.Count(c => c.IsWrong), right = shown.Count - wrong;
        return strata switch
        {
            TileStrata.PredictedLabel => $"{wrong} wrong (orange) + {right} right, stratified by pred label, seed {seed}",
            TileStrata.TrueLabel => $"{wrong} wrong (orange) + {right} right, stratified by true label, seed {seed}",
            TileStrata.ConfusedPair => $"{wrong} wrong (orange) by (pred → true) pair, most frequent first, + {right} right by pred label, seed {seed}",
            _ => throw new ArgumentOutOfRangeException(nameof(strata), strata, "unknown tile strata"),
        };
    }

    /// <summary>How many wrong and right tiles a gallery of <paramref name="maxTiles"/> shows: up to half wrong, more when too few are right.</summary>
    internal static (int Wrong, int Right) Quota(int wrong, int right, int maxTiles)
    {
        int wrongShown = Math.Min(wrong, Math.Max((maxTiles + 1) / 2, maxTiles - right));
        return (wrongShown, Math.Min(right, maxTiles - wrongShown));
    }

    private static (int, int) WrongKey(TileCandidate c, TileStrata strata) => strata switch
    {
        TileStrata.PredictedLabel => (c.Predicted, -1),
        TileStrata.TrueLabel => (c.Truth ?? c.Predicted, -1),
        TileStrata.ConfusedPair => (c.Predicted, c.Truth ?? c.Predicted),
        _ => throw new ArgumentOutOfRangeException(nameof(strata), strata, "unknown tile strata"),
    };

    // A right tile's truth is its prediction (or unknown), so only the true-label strata differ from the predicted ones.
    private static (int, int) RightKey(TileCandidate c, TileStrata strata) =>
        strata == TileStrata.TrueLabel ? (c.Truth ?? c.Predicted, -1) : (c.Predicted, -1);

    private static List<TileCandidate> Stratified(List<TileCandidate> items, Func<TileCandidate, (int, int)> key, int count, Random random)
    {
        // Largest stratum first, ties by key, so the order (and with it the seeded shuffles) does not depend on input order
        // beyond the order within a stratum.
        var strata = items.GroupBy(key).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => Shuffled(g.ToList(), random)).ToList();
        var taken = new int[strata.Count];
        for (int left = Math.Min(count, items.Count); left > 0;)
            for (int s = 0; s < strata.Count && left > 0; s++)
                if (taken[s] < strata[s].Count) { taken[s]++; left--; }
        return strata.SelectMany((stratum, s) => stratum.Take(taken[s])).ToList();
    }

    private static List<TileCandidate> Shuffled(List<TileCandidate> items, Random random)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }
}
