using Workbench.Reproductions;
using Workbench.Reports;

namespace Workbench.Tests.Reports;

public sealed class LeakEffectTests
{
    private static ReproductionRun Run(string strategy, string split, int seed, params double[] accuracies) =>
        new(strategy, split, seed, "/nowhere", accuracies.Select((a, r) => TestRounds.Make(r, a)).ToArray(), 0);

    private static readonly ReproductionRun[] Runs =
    [
        Run("ssl", "paper", 0, 0.60, 0.80), Run("ssl", "paper", 1, 0.62, 0.84),
        Run("al", "paper", 0, 0.60, 0.70, 0.75),
        Run("ssl", "grouped", 0, 0.50, 0.52),
        Run("al", "grouped", 0, 0.50, 0.58, 0.60),
    ];

    [Fact]
    public void Compares_each_strategys_last_common_round_on_both_splits()
    {
        var rows = LeakEffect.Compare(Runs);

        Assert.Equal(["baseline", "ssl", "al"], rows.Select(r => r.Recipe));
        var baseline = rows[0];
        Assert.Equal(0.6066666666666667, baseline.LeakyAccuracy, 12);   // round 0 of the 3 paper runs
        Assert.Equal(0.5, baseline.CleanAccuracy, 12);
        var ssl = rows[1];
        Assert.Equal((1, 0.82, 0.52), (ssl.Round, Math.Round(ssl.LeakyAccuracy, 12), ssl.CleanAccuracy));
        Assert.Equal(0.30, ssl.Inflation, 12);
        Assert.Equal(0.82 - 0.6066666666666667, ssl.LeakyGain, 12);
        Assert.Equal(0.02, ssl.CleanGain, 12);
        Assert.Equal(2, rows[2].Round);
    }

    [Fact]
    public void Ranking_and_sentences_come_from_the_computed_numbers()
    {
        var rows = LeakEffect.Compare(Runs);

        Assert.Equal(["ssl", "al", "baseline"], LeakEffect.Ranking(rows, leaky: true));
        Assert.Equal(["al", "ssl", "baseline"], LeakEffect.Ranking(rows, leaky: false));
        var lines = LeakEffect.Describe(rows);
        Assert.Contains(lines, l => l.StartsWith("ssl after round 1: 82.00% on paper, 52.00% on grouped; the leak adds +30.00 points", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("the order changes", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("matters most for ssl (+30.00 points)", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_both_splits_there_is_nothing_to_compare()
    {
        var onlyPaper = Runs.Where(r => r.Split == "paper").ToList();

        Assert.Empty(LeakEffect.Compare(onlyPaper));
        Assert.Contains("nothing to compare", Assert.Single(LeakEffect.Describe([])));
    }
}
