using Workbench.Config;
using Workbench.Records;
using Workbench.Reproductions;
using Workbench.Tests.Reproductions;

namespace Workbench.Tests.Records;

public class VariantComparisonTests
{
    private static ReproductionRun Run(string recipe, int seed, string al, params double[] accuracy) =>
        new(recipe, "paper", seed, "", accuracy.Select((a, r) => ExperimentsTests.Round([[1]], r, a)).ToList(), 1) { ActiveLearning = al };

    private static ReproductionRecords Records(params ReproductionRun[] runs) =>
        new(new ReproductionInfo("poster", "quick", ["a"], new ExperimentConfig(), null, 2, "test", null, 0),
            [.. runs.Select(r => new RecordedRun(r, [.. r.Rounds.Select(_ => (int[]?)null)]))], []);

    [Fact]
    public void ArmsArePairedBySeedAtTheirLastRoundAndTheBaselineOncePerSplit()
    {
        // A is 2 points ahead at round 0 on every seed; its AL arm 1, 3 and 5 points ahead at round 2; seed 3 only in A.
        var a = Records(
            Run("al", 0, "cluster-margin", 0.52, 0.6, 0.71), Run("al", 1, "cluster-margin", 0.62, 0.7, 0.83),
            Run("al", 2, "cluster-margin", 0.72, 0.8, 0.95), Run("al", 3, "cluster-margin", 0.9, 0.9, 0.99),
            Run("al", 0, "random", 0.52, 0.6, 0.7));
        var b = Records(
            Run("al", 0, "cluster-margin", 0.5, 0.6, 0.7), Run("al", 1, "cluster-margin", 0.6, 0.7, 0.8),
            Run("al", 2, "cluster-margin", 0.7, 0.8, 0.9), Run("al", 0, "random", 0.5, 0.6, 0.7));
        var family = VariantComparison.Of(a, b, "A", "B");
        Assert.Equal(["paper: baseline (round 0)", "paper: al (round 2)", "paper: al (random) (round 2)"], family.Comparisons.Select(c => c.Name));
        Assert.Equal(0.02, family.Comparisons[0].Estimate, 10);
        Assert.Equal(0.03, family.Comparisons[1].Estimate, 10);
        Assert.Equal(0.0, family.Comparisons[2].Estimate, 10);
        Assert.True(family.Comparisons[0].Survives);  // identical differences on every seed: p = 0
        Assert.Contains("A − B", family.Name);
        Assert.Throws<ArgumentException>(() => VariantComparison.Of(a, Records(Run("ssl", 7, "", 0.5, 0.6)), "A", "C"));
    }
}
