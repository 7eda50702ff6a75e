// Tests (metrics layer) of the evidence statistics: Student-t p-values, Holm's adjustment, per-cell accuracy and the
// cluster bootstrap over cells and seeds. Expected values are worked by hand or closed forms, written beside each.
using Workbench.Metrics;

namespace Workbench.Tests.Metrics;

public class EvidenceStatisticsTests
{
    [Fact]
    public void StudentTMatchesClosedFormsAndTables()
    {
        // df = 1 is the Cauchy distribution: P(|T| >= 1) = 1/2 exactly.
        Assert.Equal(0.5, StudentT.TwoSidedP(1, 1), 10);
        // df = 2: P(|T| >= t) = 1 - t / sqrt(2 + t^2).
        foreach (var t in new[] { 0.3, 2.0, 10.0 })
            Assert.Equal(1 - t / Math.Sqrt(2 + t * t), StudentT.TwoSidedP(t, 2), 10);
        // Textbook 0.975 quantiles give p = 0.05 (tables round to 3 decimals, hence 3 places).
        Assert.Equal(0.05, StudentT.TwoSidedP(12.706, 1), 3);
        Assert.Equal(0.05, StudentT.TwoSidedP(2.776, 4), 3);
        Assert.Equal(0.05, StudentT.TwoSidedP(-2.042, 30), 3);
        Assert.Equal(0.05, StudentT.TwoSidedP(1.959964, 1e7), 5);  // the normal limit
        Assert.Equal(1.0, StudentT.TwoSidedP(0, 3), 12);
        Assert.Equal(0.975, StudentT.Cdf(2.776445, 4), 6);
        // The incomplete beta's closed forms: I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b.
        Assert.Equal(Math.Pow(0.3, 2.5), StudentT.RegularizedIncompleteBeta(2.5, 1, 0.3), 12);
        Assert.Equal(1 - Math.Pow(0.2, 4), StudentT.RegularizedIncompleteBeta(1, 4, 0.8), 12);
        Assert.Equal(Math.Log(24), StudentT.LogGamma(5), 12);
        Assert.Equal(0.5 * Math.Log(Math.PI), StudentT.LogGamma(0.5), 12);
    }

    [Fact]
    public void PairedDifferenceCarriesTheTTestPValue()
    {
        // Differences 0.10, 0.12, 0.14: mean 0.12, sd 0.02, t = 0.12 / (0.02 / sqrt 3) = sqrt(108), df 2.
        var d = PairedDifference.Of([0.6, 0.62, 0.64], [0.5, 0.5, 0.5]);
        Assert.Equal(1 - Math.Sqrt(108) / Math.Sqrt(110), d.P, 10);
        // p < 0.05 exactly when the 95% interval excludes 0 (the table's 3-decimal t aside).
        var noisy = PairedDifference.Of([0.7, 0.5, 0.62], [0.5, 0.6, 0.6]);
        Assert.False(noisy.Excludes0);
        Assert.True(noisy.P > 0.05);
        Assert.True(double.IsNaN(PairedDifference.Of([0.7], [0.5]).P));
        Assert.Equal(0, PairedDifference.Of([0.7, 0.7], [0.5, 0.5]).P);
        Assert.Equal(1, PairedDifference.Of([0.5, 0.5], [0.5, 0.5]).P);
    }

    [Fact]
    public void HolmAdjustsTheTextbookFamily()
    {
        // m = 4, sorted p: 0.005 x 4 = 0.02; 0.01 x 3 = 0.03; 0.03 x 2 = 0.06; 0.04 x 1 = 0.04 -> running max 0.06.
        var family = Holm.Adjust("arms vs baseline", [C("a", 0.01), C("b", 0.04), C("c", 0.03), C("d", 0.005)]);
        Assert.Equal(["a", "b", "c", "d"], family.Comparisons.Select(c => c.Name));
        Assert.Equal([0.03, 0.06, 0.06, 0.02], family.Comparisons.Select(c => Math.Round(c.AdjustedP, 12)));
        Assert.Equal([true, false, false, true], family.Comparisons.Select(c => c.Survives));
        Assert.Equal([0.01, 0.04, 0.03, 0.005], family.Comparisons.Select(c => c.P));
        var text = family.ToText();
        Assert.Contains("family 'arms vs baseline': 4 comparisons, Holm-Bonferroni at alpha 0.05", text);
        Assert.Matches(@"b\s+\+1\.0 \[-1\.0, \+3\.0\]\s+0\.0400\s+0\.0600\s+no", text);
    }

    [Fact]
    public void HolmIsMonotoneCappedAndSkipsUntestedComparisons()
    {
        var random = new Random(3);
        var ps = Enumerable.Range(0, 12).Select(_ => random.NextDouble() * random.NextDouble()).ToArray();
        var family = Holm.Adjust("random", ps.Select((p, i) => C($"c{i}", p)).ToList());
        var byRaw = family.Comparisons.OrderBy(c => c.P).ToList();
        for (int i = 1; i < byRaw.Count; i++)
            Assert.True(byRaw[i].AdjustedP >= byRaw[i - 1].AdjustedP, "a larger raw p got a smaller adjusted p");
        Assert.All(family.Comparisons, c => Assert.InRange(c.AdjustedP, c.P, 1.0));
        // A one-seed comparison has no p: it stays NaN, never survives, and m counts only the real tests.
        var mixed = Holm.Adjust("mixed", [C("one seed", double.NaN), C("x", 0.02), C("y", 0.5)]);
        Assert.True(double.IsNaN(mixed.Comparisons[0].AdjustedP));
        Assert.False(mixed.Comparisons[0].Survives);
        Assert.Equal(0.04, mixed.Comparisons[1].AdjustedP, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Holm.Adjust("bad", [C("x", 1.5)]));
    }

    private static Comparison C(string name, double p) => new(name, 0.01, -0.01, 0.03, p);

    [Fact]
    public void PerCellAccuracyOnAHandMadeExample()
    {
        // Cell 7 (class 0): 4 images, 3 right; cell 3 (class 0): 1 image, wrong; cell 9 (class 1): 5 images, all right.
        int[] cells = [7, 7, 7, 7, 3, 9, 9, 9, 9, 9];
        int[] labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        bool[] correct = [true, true, true, false, false, true, true, true, true, true];
        var accuracy = CellAccuracy.Of(new CellIndex(cells, labels), correct);
        Assert.Equal(0.8, accuracy.PerImage, 12);                          // 8 / 10
        Assert.Equal((0.75 + 0 + 1) / 3, accuracy.PerCell, 12);            // cells weigh the same
        Assert.Equal(((0.75 + 0) / 2 + 1) / 2, accuracy.ClassBalanced, 12); // classes weigh the same
        Assert.Equal((10, 3), (accuracy.Images, accuracy.Cells));
        Assert.Equal([2, 1], accuracy.CellsPerClass);
        Assert.Throws<ArgumentException>(() => new CellIndex([1, 1], [0, 1]));
    }

    // 40 cells of 20 images, two classes of 20 cells; every image right with probability 1/2.
    private static (CellIndex Cells, CellIndex ImagesAsCells, bool[] Correlated, bool[] Independent) Clustered()
    {
        var cell = Enumerable.Range(0, 800).Select(i => i / 20).ToArray();
        var label = cell.Select(c => c % 2).ToArray();
        var random = new Random(11);
        // Correlated: a cell is wholly right or wholly wrong (half the cells of each class).
        var correlated = cell.Select(c => c / 2 % 2 == 0).ToArray();
        var independent = cell.Select(_ => random.Next(2) == 0).ToArray();
        return (new CellIndex(cell, label), new CellIndex(Enumerable.Range(0, 800).ToArray(), label), correlated, independent);
    }

    private static double Width(BootstrapInterval i) => i.High - i.Low;

    [Fact]
    public void ClusterBootstrapWidensWhenImagesOfACellAgree()
    {
        var (cells, imagesAsCells, correlated, independent) = Clustered();
        var options = new ClusterBootstrapOptions(Resamples: 2000, Seed: 5);
        var clustered = ClusterBootstrap.Accuracy(cells, [correlated], options)[0];
        var spread = ClusterBootstrap.Accuracy(cells, [independent], options)[0];
        var naive = ClusterBootstrap.Accuracy(imagesAsCells, [correlated], options)[0];
        Assert.Equal(CellMetric.PerImage, clustered.Metric);
        Assert.Equal(0.5, clustered.Estimate, 12);
        // 40 independent units instead of 800: the interval is about sqrt(20) = 4.5 times wider.
        Assert.True(Width(clustered) > 3 * Width(spread), $"correlated {Width(clustered):F3} vs independent {Width(spread):F3}");
        Assert.True(Width(clustered) > 3 * Width(naive), $"cluster {Width(clustered):F3} vs image-level {Width(naive):F3}");
        Assert.Equal(0.5, clustered.Estimate, 12);
        Assert.Equal((40, 1), (clustered.Cells, clustered.Seeds));
        Assert.True(double.IsNaN(clustered.P));
        // Same seed, same interval; the draws are reproducible.
        Assert.Equal(clustered, ClusterBootstrap.Accuracy(cells, [correlated], options)[0]);
    }

    [Fact]
    public void PairedClusterDifferenceTestsArmsOnTheSameCellsAndSeeds()
    {
        var (cells, _, correlated, independent) = Clustered();
        var options = new ClusterBootstrapOptions(Resamples: 2000, Seed: 1);
        var same = ClusterBootstrap.Difference(cells, [correlated, independent], [correlated, independent], options);
        Assert.All(same, d => Assert.Equal((0.0, 0.0, 0.0, 1.0), (d.Estimate, d.Low, d.High, d.P)));
        // Arm a gets every image right: better on every cell and seed, so p is the smallest the draws allow.
        var perfect = Enumerable.Repeat(true, 800).ToArray();
        var better = ClusterBootstrap.Difference(cells, [perfect, perfect], [correlated, independent], options);
        Assert.All(better, d => Assert.True(d.Low > 0 && d.P <= 2.0 / 2001, $"{d.Metric}: {d.Format()}"));
        // The estimate is the mean over seeds of each seed's gap: (1 - 0.5) and 1 minus the independent arm's accuracy.
        Assert.Equal((0.5 + 1 - independent.Average(c => c ? 1.0 : 0)) / 2, better[0].Estimate, 12);
        Assert.Equal(2, better[0].Seeds);
        // Resampling seeds adds the spread between training runs: a seed-dependent gap widens the interval.
        var gap = ClusterBootstrap.Difference(cells, [perfect, correlated], [correlated, correlated], options)[0];
        var steady = ClusterBootstrap.Difference(cells, [perfect, perfect], [correlated, correlated], options)[0];
        Assert.True(Width(gap) > Width(steady), $"seed-dependent gap {Width(gap):F3} vs steady {Width(steady):F3}");
        Assert.Throws<ArgumentException>(() => ClusterBootstrap.Difference(cells, [perfect], [perfect, perfect]));
    }

    [Fact]
    public void StratifiedDrawsKeepEveryClassSoTheBalancedAccuracyStaysDefined()
    {
        // One cell of class 1 among 30 of class 0: overall draws often miss it, stratified draws never do.
        var cell = Enumerable.Range(0, 31).ToArray();
        var label = cell.Select(c => c == 30 ? 1 : 0).ToArray();
        var correct = cell.Select(c => c == 30).ToArray();  // class 0 all wrong, the class 1 cell right: balanced = 0.5
        var cells = new CellIndex(cell, label);
        var stratified = ClusterBootstrap.Accuracy(cells, [correct], new ClusterBootstrapOptions(1000, 2))[2];
        var overall = ClusterBootstrap.Accuracy(cells, [correct], new ClusterBootstrapOptions(1000, 2, StratifyByClass: false))[2];
        Assert.Equal(CellMetric.ClassBalanced, stratified.Metric);
        Assert.Equal((0.5, 0.5, 0.5), (stratified.Estimate, stratified.Low, stratified.High));
        Assert.Equal(0.0, overall.Low);  // a draw without the class 1 cell has only class 0, all wrong
    }
}
