using System.Globalization;
using Workbench.Reproductions;

namespace Workbench.Reports;

/// <summary>
/// What the train/test leak does to a reproduction's conclusions: each strategy's final accuracy and gain over the
/// baseline on the leaky split (paper) against the leak-free one (grouped), and whether the strategies rank the same.
/// </summary>
public static class LeakEffect
{
    /// <summary>
    /// The baseline (round 0 over all runs of a split), then every strategy present on both splits at the last round
    /// that all its runs reached on both. Empty when one of the splits has no runs.
    /// </summary>
    public static IReadOnlyList<LeakComparison> Compare(IReadOnlyList<ReproductionRun> runs, string leakySplit = "paper", string cleanSplit = "grouped")
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(leakySplit);
        ArgumentException.ThrowIfNullOrWhiteSpace(cleanSplit);
        var leaky = runs.Where(r => r.Split == leakySplit && r.Rounds.Count > 0).ToList();
        var clean = runs.Where(r => r.Split == cleanSplit && r.Rounds.Count > 0).ToList();
        if (leaky.Count == 0 || clean.Count == 0) return [];
        double leakyBase = leaky.Average(r => r.Rounds[0].Accuracy), cleanBase = clean.Average(r => r.Rounds[0].Accuracy);
        var rows = new List<LeakComparison> { new("baseline", 0, leakyBase, cleanBase, 0, 0) };
        foreach (string strategy in leaky.Select(r => r.Recipe).Distinct().Where(s => clean.Any(r => r.Recipe == s)))
        {
            var both = leaky.Concat(clean).Where(r => r.Recipe == strategy).ToList();
            int round = both.Min(r => r.Rounds.Count) - 1;
            if (round < 1) continue;
            double l = leaky.Where(r => r.Recipe == strategy).Average(r => r.Rounds[round].Accuracy);
            double c = clean.Where(r => r.Recipe == strategy).Average(r => r.Rounds[round].Accuracy);
            rows.Add(new LeakComparison(strategy, round, l, c, l - leakyBase, c - cleanBase));
        }
        return rows;
    }

    /// <summary>Strategy names (baseline included) from best to worst accuracy on the leaky or the clean split.</summary>
    public static IReadOnlyList<string> Ranking(IReadOnlyList<LeakComparison> rows, bool leaky)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.OrderByDescending(r => leaky ? r.LeakyAccuracy : r.CleanAccuracy).ThenBy(r => r.Recipe, StringComparer.Ordinal)
            .Select(r => r.Recipe).ToArray();
    }

    /// <summary>Plain sentences stating the computed differences, for a report's discussion (no number is typed by hand).</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<LeakComparison> rows, string leakySplit = "paper", string cleanSplit = "grouped")
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return [$"No runs on both the {leakySplit} and the {cleanSplit} split: nothing to compare."];
        var inv = CultureInfo.InvariantCulture;
        static string Points(double fraction) => (fraction * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
        var lines = new List<string>();
        foreach (var row in rows)
        {
            string what = row.Recipe == "baseline" ? "baseline (round 0)" : $"{row.Recipe} after round {row.Round}";
            string line = string.Create(inv, $"{what}: {row.LeakyAccuracy * 100:F2}% on {leakySplit}, {row.CleanAccuracy * 100:F2}% on {cleanSplit}; the leak adds {Points(row.Inflation)} points");
            if (row.Recipe != "baseline")
                line += $"; gain over the baseline {Points(row.LeakyGain)} ({leakySplit}) vs {Points(row.CleanGain)} ({cleanSplit})";
            lines.Add(line + ".");
        }
        var leakyRank = Ranking(rows, leaky: true);
        var cleanRank = Ranking(rows, leaky: false);
        lines.Add($"Ranking on {leakySplit}: {string.Join(" > ", leakyRank)}; on {cleanSplit}: {string.Join(" > ", cleanRank)} — " +
            (leakyRank.SequenceEqual(cleanRank) ? "the same order." : "the order changes."));
        var largest = rows.MaxBy(r => Math.Abs(r.Inflation))!;
        lines.Add(string.Create(inv, $"The leak matters most for {largest.Recipe} ({Points(largest.Inflation)} points)."));
        return lines;
    }
}
