using System.Globalization;
using Workbench.Metrics;

namespace Workbench.Reproductions;

/// <summary>
/// Per split and arm: accuracy after the last round and area under the learning curve (mean ± std, n), and differences
/// paired by seed with 95% intervals against the baseline, against the arm's random-query control, and SSL+AL / CST+AL
/// against AL. Only differences whose interval excludes 0 are claims; the table says which.
/// </summary>
public static class ArmComparison
{
    /// <summary>The comparison table of <paramref name="runs"/>.</summary>
    public static SummaryTable Table(IReadOnlyList<ReproductionRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new SummaryTable(["split", "strategy", "last round", "acc % (last round)", "AULC %", "Δ vs baseline (pp)",
            "Δ vs random control (pp)", "Δ vs al (pp)"]);
        foreach (var split in runs.GroupBy(r => r.Split))
        {
            var baseline = ReproductionRun.Baselines(split).ToDictionary(r => r.Seed, r => r.Rounds[0].Accuracy);
            foreach (var arm in split.GroupBy(r => r.Arm).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var mine = arm.OrderBy(r => r.Seed).ToList();
                int last = mine.Min(r => r.Rounds.Count) - 1;
                var final = mine.Select(r => r.Rounds[last].Accuracy).ToList();
                var areas = mine.Select(r => LearningCurveArea.Of(r.Rounds.Take(last + 1).Select(x => x.Accuracy).ToList())).ToList();
                table.Add([
                    split.Key, arm.Key, last.ToString(CultureInfo.InvariantCulture),
                    MeanStd.Of(final).Format("F1", 100), MeanStd.Of(areas).Format("F1", 100),
                    Versus(mine, last, seed => baseline.TryGetValue(seed, out var b) ? b : null),
                    arm.Key.EndsWith("(random)", StringComparison.Ordinal) ? "" : Versus(mine, last, Final(split, arm.Key + " (random)", last)),
                    arm.Key.EndsWith("+al", StringComparison.Ordinal) ? Versus(mine, last, Final(split, "al", last)) : "",
                ]);
            }
        }
        return table;
    }

    private static Func<int, double?> Final(IEnumerable<ReproductionRun> split, string arm, int round)
    {
        var bySeed = split.Where(r => r.Arm == arm && r.Rounds.Count > round).ToDictionary(r => r.Seed, r => r.Rounds[round].Accuracy);
        return seed => bySeed.TryGetValue(seed, out var value) ? value : null;
    }

    private static string Versus(IReadOnlyList<ReproductionRun> mine, int last, Func<int, double?> other)
    {
        var pairs = mine.Select(r => (Mine: r.Rounds[last].Accuracy, Other: other(r.Seed))).Where(p => p.Other is not null).ToList();
        if (pairs.Count == 0) return "";
        var difference = PairedDifference.Of(pairs.Select(p => p.Mine).ToList(), pairs.Select(p => p.Other!.Value).ToList());
        return difference.Format() + (difference.Excludes0 ? " *" : "");
    }
}
