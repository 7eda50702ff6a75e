using Workbench.Metrics;
using Workbench.Reproductions;

namespace Workbench.Records;

/// <summary>One planned comparison: arm minus other arm (or minus the baseline), each at its last round.</summary>
/// <param name="Arm">The arm measured.</param>
/// <param name="Against">The arm it is measured against ("baseline" = round 0 of the same seed).</param>
/// <param name="Round">The round of <paramref name="Arm"/>: the last both arms reached, or the arm's last against the baseline
/// or against an arm that ends at round 0.</param>
/// <param name="AgainstRound">The round of <paramref name="Against"/> when it is not <paramref name="Round"/>: 0 for the
/// baseline and for an arm that ends at round 0 (FixMatch alone, whose later rounds would retrain on the same labels).</param>
public sealed record PlannedComparison(string Split, string Arm, string Against, int Round, int? AgainstRound = null)
{
    /// <summary>The round <paramref name="Against"/> is read at.</summary>
    public int OtherRound => Against == "baseline" ? 0 : AgainstRound ?? Round;

    /// <summary>"provided: ssl+al − al (round 3)"; "paper: fixmatch+al (round 3) − fixmatch (round 0)" when the rounds differ.</summary>
    public string Name => Against == "baseline" || OtherRound == Round ? $"{Split}: {Arm} − {Against} (round {Round})"
        : $"{Split}: {Arm} (round {Round}) − {Against} (round {OtherRound})";
}

/// <summary>
/// The family every reproduction states before looking at its numbers: each method arm against the baseline, each
/// query strategy against its random-query control, and the combined arm (X+al) against each of its parts (al and X).
/// Random controls are controls, not claims, so they are not compared with the baseline. The family spans all splits of
/// the reproduction and is Holm-adjusted as one.
/// </summary>
public static class HeadlineComparisons
{
    /// <summary>The planned comparisons of <paramref name="runs"/>, split by split, in a fixed order.</summary>
    public static IReadOnlyList<PlannedComparison> Plan(IReadOnlyList<ReproductionRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var planned = new List<PlannedComparison>();
        foreach (var split in runs.GroupBy(r => r.Split))
        {
            var arms = split.Select(r => r.Arm).ToHashSet();
            var methods = arms.Where(a => !a.EndsWith("(random)", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            foreach (var arm in methods) planned.Add(Between(runs, split.Key, arm, "baseline")!);
            foreach (var arm in methods.Where(a => arms.Contains($"{a} (random)"))) planned.Add(Between(runs, split.Key, arm, $"{arm} (random)")!);
            foreach (var arm in methods.Where(a => a.EndsWith("+al", StringComparison.Ordinal)))
                foreach (var part in new[] { "al", arm[..^"+al".Length] }.Where(arms.Contains))
                    planned.Add(Between(runs, split.Key, arm, part)!);
        }
        return planned;
    }

    /// <summary>
    /// <paramref name="arm"/> against <paramref name="against"/> (an arm, or "baseline") on <paramref name="split"/>, read at
    /// the rounds the family reads, whether or not the comparison is in the family; null when an arm has no run there.
    /// Against the baseline, the arm's last round; otherwise the last round both reached (an unfinished run cuts its partner
    /// too), except against an arm that ends at round 0 (FixMatch alone): that one is read there.
    /// </summary>
    public static PlannedComparison? Between(IReadOnlyList<ReproductionRun> runs, string split, string arm, string against)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var mine = runs.Where(r => r.Split == split && r.Arm == arm).ToList();
        if (mine.Count == 0) return null;
        int last = ReproductionRun.LastRound(mine);
        if (against == "baseline") return new(split, arm, against, last);
        var other = runs.Where(r => r.Split == split && r.Arm == against).ToList();
        if (other.Count == 0) return null;
        return other.All(r => r.EndsAtRoundZero) ? new(split, arm, against, last, 0)
            : new(split, arm, against, Math.Min(last, ReproductionRun.LastRound(other)));
    }

    /// <summary>The comparison's accuracy difference per image, paired by seed; null when no seed has both arms.</summary>
    public static PairedDifference? Difference(IReadOnlyList<ReproductionRun> runs, PlannedComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var pairs = Pairs(runs, comparison);
        return pairs.Count == 0 ? null : PairedDifference.Of(pairs.Select(p => p.A.Rounds[comparison.Round].Accuracy).ToList(),
            pairs.Select(p => p.B.Rounds[comparison.OtherRound].Accuracy).ToList());
    }

    /// <summary>Paired by seed (Student t), one family over all splits: accuracy per image.</summary>
    public static ComparisonFamily OverSeeds(IReadOnlyList<ReproductionRun> runs, double alpha = 0.05)
    {
        var comparisons = Plan(runs).Select(c => Comparison.From(c.Name, Difference(runs, c) ?? PairedDifference.Of([], []))).ToList();
        return Holm.Adjust("headline comparisons, accuracy per image, paired t over seeds", comparisons, alpha);
    }

    /// <summary>
    /// The same comparisons on the splits with test cells, by cluster bootstrap over cells and seeds, on
    /// <paramref name="metric"/>; one family over those splits. Null when no split has cells.
    /// </summary>
    public static ComparisonFamily? OverCells(ReproductionRecords records, CellMetric metric, ClusterBootstrapOptions options, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(records);
        var byRun = records.Runs.ToDictionary(r => r.Run, r => r.CorrectByCell);
        var runs = records.Runs.Select(r => r.Run).ToList();
        var comparisons = new List<Comparison>();
        foreach (var c in Plan(runs))
        {
            if (records.CellsOf(c.Split) is not { } cells) continue;
            var pairs = Pairs(runs, c);
            var a = pairs.Select(p => (IReadOnlyList<int>)byRun[p.A][c.Round]!).ToList();
            var b = pairs.Select(p => (IReadOnlyList<int>)byRun[p.B][c.OtherRound]!).ToList();
            var interval = ClusterBootstrap.DifferenceOfCounts(cells.Index, a, b, options).Single(i => i.Metric == metric);
            comparisons.Add(Comparison.From(c.Name, interval));
        }
        return comparisons.Count == 0 ? null
            : Holm.Adjust($"headline comparisons on test cells, {metric}, cluster bootstrap over cells and seeds", comparisons, alpha);
    }

    // Seeds both arms have; the baseline of a seed is the round 0 of any of its runs that shares it.
    private static List<(ReproductionRun A, ReproductionRun B)> Pairs(IReadOnlyList<ReproductionRun> runs, PlannedComparison c)
    {
        var split = runs.Where(r => r.Split == c.Split).ToList();
        var others = c.Against == "baseline"
            ? ReproductionRun.Baselines(split).ToDictionary(r => r.Seed)
            : split.Where(r => r.Arm == c.Against && r.Rounds.Count > c.OtherRound).ToDictionary(r => r.Seed);
        return split.Where(r => r.Arm == c.Arm && r.Rounds.Count > c.Round && others.ContainsKey(r.Seed)).OrderBy(r => r.Seed)
            .Select(r => (r, others[r.Seed])).ToList();
    }
}
