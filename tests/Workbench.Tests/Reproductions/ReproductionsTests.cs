using Workbench.Reproductions;
using Workbench.Loop;
using Workbench.Metrics;
using Workbench.Config;

namespace Workbench.Tests.Reproductions;

public class ExperimentsTests
{
    [Fact]
    public void ConfigWithUnknownDataSetOrSplitIsRefusedNamingTheField()
    {
        var config = Presets.Create("poster", "ssl", PresetProfile.Quick);
        Assert.Equal("dataSet", Assert.Throws<ArgumentException>(() => ExperimentDataProvider.CheckNames(config with { DataSet = "bccdx" })).ParamName);
        Assert.Equal("split", Assert.Throws<ArgumentException>(() => ExperimentDataProvider.CheckNames(config with { Split = "randomish" })).ParamName);
        ExperimentDataProvider.CheckNames(config with { Split = "per-class-50" });
    }

    [Fact]
    public void SummaryTableWritesMarkdownAndQuotedCsv()
    {
        var table = new SummaryTable(["a", "b"]);
        table.Add(["1", "x, y"]);
        Assert.Equal("| a | b |\n|---|---|\n| 1 | x, y |\n", table.ToMarkdown().ReplaceLineEndings("\n"));
        Assert.Equal("a,b\n1,\"x, y\"\n", table.ToCsv().ReplaceLineEndings("\n"));
        Assert.Throws<ArgumentException>(() => table.Add(["only one"]));
    }

    [Fact]
    public void SubAccuracyCountsOnlyTheChosenTrueClasses()
    {
        string[] classes = ["metamyelocyte", "band neutrophil", "segmented neutrophil", "other"];
        int[][] confusion =
        [
            [8, 2, 0, 0],
            [1, 6, 3, 0],
            [0, 0, 10, 0],
            [5, 5, 5, 5],
        ];
        var round = Round(confusion);
        Assert.Equal(24.0 / 30.0, BoneMarrowReproduction.SubAccuracy(round, classes, BoneMarrowReproduction.NeutrophilSeries), 10);
        Assert.Throws<ArgumentException>(() => BoneMarrowReproduction.SubAccuracy(round, ["a", "b", "c", "d"], BoneMarrowReproduction.NeutrophilSeries));
    }

    [Fact]
    public void PosterSummaryAveragesSeedsPerSplitNextToPublishedNumbers()
    {
        ReproductionRun Run(string strategy, string split, int seed, params double[] accuracy) =>
            new(strategy, split, seed, "", accuracy.Select((a, r) => Round([[1]], r, a)).ToList(), 1);
        var runs = new[]
        {
            Run("ssl", "paper", 0, 0.50, 0.60), Run("ssl", "paper", 1, 0.70, 0.80),
            Run("ssl", "grouped", 0, 0.40, 0.45),
        };
        var table = PosterReproduction.Summarise(runs);
        var baseline = table.Rows.Single(r => r[0] == "baseline");
        Assert.Equal("81.50 ± 0.42", baseline[2]);
        Assert.Equal("60.00 ± 14.14", baseline[table.Header.ToList().IndexOf("paper acc %")]);
        Assert.Equal("40.00 (n = 1)", baseline[table.Header.ToList().IndexOf("grouped acc %")]);
        var ssl1 = table.Rows.Single(r => r[0] == "ssl" && r[1] == "1");
        Assert.Equal("85.73", ssl1[2]);
        Assert.Equal("70.00 ± 14.14", ssl1[table.Header.ToList().IndexOf("paper acc %")]);
    }

    [Fact]
    public void TheBaselineCountsEachSeedOnceAndControlsAreSeparateArms()
    {
        ReproductionRun Run(string recipe, int seed, string al, params double[] accuracy) =>
            new(recipe, "paper", seed, "", accuracy.Select((a, r) => Round([[1]], r, a)).ToList(), 1) { ActiveLearning = al };
        var runs = new[]
        {
            Run("ssl", 0, "", 0.5, 0.6), Run("al", 0, "cluster-margin", 0.5, 0.7), Run("al", 0, "random", 0.5, 0.65),
            Run("ssl", 1, "", 0.7, 0.7), Run("al", 1, "cluster-margin", 0.7, 0.8), Run("al", 1, "random", 0.7, 0.72),
        };
        var rows = TidyResults.Rows("poster", "quick", runs);
        var baseline = rows.Single(r => r.Strategy == "baseline");
        Assert.Equal(2, baseline.N);
        Assert.Equal(0.6, baseline.AccMean, 10);
        Assert.Equal(["baseline", "ssl", "al", "al (random)"], rows.Select(r => r.Strategy));
        Assert.StartsWith(string.Join(",", TidyResults.Header), TidyResults.ToCsv(rows));

        var comparison = ArmComparison.Table(runs);
        var al = comparison.Rows.Single(r => r[1] == "al");
        Assert.StartsWith("+15.0", al[comparison.Header.ToList().IndexOf("Δ vs baseline (pp)")]);
        Assert.StartsWith("+6.5", al[comparison.Header.ToList().IndexOf("Δ vs random control (pp)")]);
        Assert.Equal("", comparison.Rows.Single(r => r[1] == "al (random)")[comparison.Header.ToList().IndexOf("Δ vs random control (pp)")]);
    }

    [Fact]
    public void ThePosterPlanHasARandomControlForEveryAlRecipe()
    {
        var plan = new PosterReproduction { Profile = PresetProfile.Quick, Seeds = [0] }.Plan("out").ToList();
        Assert.Equal(2 * 5, plan.Count);
        Assert.Equal(2, plan.Count(p => p.Config.ActiveLearning == "random" && p.Config.Recipe == "al"));
        Assert.Equal(2, plan.Count(p => p.Config.ActiveLearning == "random" && p.Config.Recipe == "ssl+al"));
        Assert.Equal(["paper", "provided"], plan.Select(p => p.Config.Split).Distinct());
        Assert.Equal(plan.Count, plan.Select(p => p.RunDirectory).Distinct().Count());
    }

    internal static RoundResult Round(int[][] confusion, int round = 0, double accuracy = 0)
    {
        int k = confusion.Length;
        var perClass = Enumerable.Range(0, k).Select(c =>
        {
            double support = confusion[c].Sum();
            return new ClassMetrics($"c{c}", 0, support == 0 ? 0 : confusion[c][c] / support, 0, (int)support);
        }).ToList();
        var test = new ClassificationReport(perClass.Select(c => c.Name).ToArray(), ConfusionMatrixJsonConverter.FromRows(confusion),
            accuracy, accuracy, perClass);
        return new RoundResult(round, test, new LabelledSummary(ProvenanceCounts.Zero(k), ProvenanceCounts.Zero(k), null, new int[k], 0, 0, 0),
            new TrainingSummary(10, new int[k], new float[k], 0, 0), new PoolSummary(0, 0), new RoundTimings(0, 0, 0, 0, 0, 0));
    }
}
