using Workbench.Records;
using Workbench.Reproductions;
using Workbench.Tests.Reports;

namespace Workbench.Tests.Records;

public class StoppingReportTests
{
    // Round r adds 10 AL labels (r >= 1); accuracy rises by a point a round from 80%.
    private static ReproductionRun Run(string name, params double?[] kappas) => new("al", "fixed", 0, name,
        kappas.Select((k, r) => TestRounds.Make(r, 0.80 + r / 100.0, added: r == 0 ? null : TestRounds.Added([0, 0, 0], [4, 3, 3]))
            with { StopSetKappa = k }).ToList(), 0) { ActiveLearning = "cluster-margin" };

    [Fact]
    public void TheReportSaysWhereTheRuleWouldHaveStoppedAndWhatThatSaved()
    {
        var rows = StoppingReport.Of([
            Run("stable", null, 0.95, 0.99, 0.995, 0.999, 1.0, 1.0),
            Run("restless", null, 0.5, 0.6, 0.7),
            Run("old", null, null, null),
            Run("alone", [null]),
        ]);
        var stable = rows[0];
        Assert.Equal((6, 4, 2, 20), (stable.LastRound, stable.StopRound!.Value, stable.RoundsSaved, stable.OracleLabelsSaved));
        Assert.Equal(0.84, stable.AccuracyAtStop!.Value, 12);
        Assert.Equal(0.86, stable.AccuracyAtEnd, 12);
        Assert.Equal("", stable.Note);
        Assert.Equal((null, 0, 0), (rows[1].StopRound, rows[1].RoundsSaved, rows[1].OracleLabelsSaved));
        Assert.Equal("the rule never held (last mean kappa 0.6000)", rows[1].Note);
        Assert.StartsWith("no stop-set kappa recorded", rows[2].Note);
        Assert.Equal("round 0 only: nothing to stop", rows[3].Note);
        // Another threshold or window moves the stop.
        Assert.Equal(3, StoppingReport.Of([Run("stable", null, 0.95, 0.99, 0.995, 0.999, 1.0, 1.0)], 0.99, 2)[0].StopRound);
        var table = StoppingReport.Table(rows).ToMarkdown();
        Assert.Contains("| stable | al | fixed | 0 | 6 | 4 | 2 | 20 | 84.00 | 86.00 | 2.00 |  |", table);
    }
}
