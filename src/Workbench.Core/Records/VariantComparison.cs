using Workbench.Metrics;
using Workbench.Reproductions;

namespace Workbench.Records;

/// <summary>
/// Two reproductions that differ in one setting (image size, initial selection, network, ...) compared arm by arm: for
/// every split and arm both hold, round 0 (once per split: the arms share it) and the arm's last round, accuracy per
/// image paired by seed (the same seed means the same split draw in both), A − B. The comparisons form one family,
/// Holm-adjusted: only what survives is called a difference.
/// </summary>
public static class VariantComparison
{
    /// <summary>The family of A − B comparisons; names read "split: arm (round r)".</summary>
    /// <exception cref="ArgumentException">The two reproductions share no split, arm and seed.</exception>
    public static ComparisonFamily Of(ReproductionRecords a, ReproductionRecords b, string nameA, string nameB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var comparisons = new List<Comparison>();
        var runsA = a.Runs.Select(r => r.Run).ToList();
        var runsB = b.Runs.Select(r => r.Run).ToList();
        foreach (var split in runsA.Select(r => r.Split).Distinct().Where(s => runsB.Any(r => r.Split == s)))
        {
            var baselineA = ReproductionRun.Baselines(runsA.Where(r => r.Split == split));
            var baselineB = ReproductionRun.Baselines(runsB.Where(r => r.Split == split));
            if (Paired(baselineA, baselineB, 0) is { } baseline) comparisons.Add(Comparison.From($"{split}: baseline (round 0)", baseline));
            foreach (var arm in runsA.Where(r => r.Split == split && !r.EndsAtRoundZero).Select(r => r.Arm).Distinct())
            {
                var armA = runsA.Where(r => r.Split == split && r.Arm == arm).ToList();
                var armB = runsB.Where(r => r.Split == split && r.Arm == arm).ToList();
                if (armB.Count == 0) continue;
                int last = Math.Min(ReproductionRun.LastRound(armA), ReproductionRun.LastRound(armB));
                if (last > 0 && Paired(armA, armB, last) is { } difference) comparisons.Add(Comparison.From($"{split}: {arm} (round {last})", difference));
            }
        }
        if (comparisons.Count == 0)
            throw new ArgumentException($"'{nameA}' and '{nameB}' share no split, arm and seed to compare.");
        return Holm.Adjust($"{nameA} − {nameB}, accuracy per image, paired t over seeds", comparisons);
    }

    // One run per seed on each side (the baselines list a seed once); seeds on one side only are left out.
    private static PairedDifference? Paired(IReadOnlyList<ReproductionRun> a, IReadOnlyList<ReproductionRun> b, int round)
    {
        var pairs = a.Join(b, x => x.Seed, y => y.Seed, (x, y) => (A: x, B: y))
            .Where(p => p.A.Rounds.Count > round && p.B.Rounds.Count > round).OrderBy(p => p.A.Seed).ToList();
        return pairs.Count == 0 ? null
            : PairedDifference.Of([.. pairs.Select(p => p.A.Rounds[round].Accuracy)], [.. pairs.Select(p => p.B.Rounds[round].Accuracy)]);
    }
}
