// Tests of `reproduce poster --dataset pbc`: the stratified 50/50 split, the 2% labelled from the training half, the plan,
// the file names, the pretraining's images and the summary without the poster's (BCCD) numbers.
using Workbench.Config;
using Workbench.Data;
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Pretraining;
using Workbench.Reproductions;
using Workbench.Tests.Data;

namespace Workbench.Tests.Reproductions;

public class PbcPosterTests
{
    // Eight classes of uneven, mostly odd sizes: a split that is not stratified misses some class's half.
    private static readonly int[] ClassSizes = [25, 63, 31, 24, 29, 47, 67, 59];

    private static DataSet Synthetic()
    {
        var names = PbcClasses.CoarseFolders;
        var samples = new List<Sample>();
        for (int c = 0; c < ClassSizes.Length; c++)
            for (int i = 0; i < ClassSizes[c]; i++)
                samples.Add(new Sample(samples.Count, $"{names[c]}/{i}.jpg", c, names[c], null, -1));
        return new DataSet("pbc", "/nowhere", names, names, samples);
    }

    /// <summary>Labels and a split, no images: enough for what draws the initial labels and what pretraining may see.</summary>
    private sealed record Labels(IReadOnlyList<int> Truth, IReadOnlyList<string> ClassNames, Split Split) : IExperimentData
    {
        public string Name => "pbc";
        public ImageSet Images => throw new InvalidOperationException("no images here");
        IReadOnlyList<int> IExperimentData.Labels => Truth;
        public IReadOnlyList<int> TrainIds => Split.TrainIds;
        public IReadOnlyList<int> TestIds => Split.TestIds;

        public static Labels Of(DataSet data, Split split) => new(data.Samples.Select(s => s.Label).ToArray(), data.ClassNames, split);
    }

    private static Reproduction Pbc(Func<ExperimentConfig, ExperimentConfig>? adjust = null, params int[] seeds) =>
        new("poster", PresetProfile.Quick, seeds.Length == 0 ? [0, 1] : seeds, "runs/x", adjust, dataSet: "pbc");

    [Fact]
    public void TheStratifiedSplitHalvesEveryClassDisjointlyAndRepeatsPerSeed()
    {
        var data = Synthetic();
        var split = Splits.Create("stratified", data, seed: 3);
        Assert.Empty(split.TrainIds.Intersect(split.TestIds));
        Assert.Equal(Enumerable.Range(0, data.Count), split.TrainIds.Concat(split.TestIds).Order());
        Assert.Equal((int)Math.Round(data.Count / 2.0, MidpointRounding.AwayFromZero), split.TestIds.Count);
        var test = data.CountsPerClass(split.TestIds);
        for (int c = 0; c < ClassSizes.Length; c++)
            Assert.InRange(test[c], ClassSizes[c] / 2, (ClassSizes[c] + 1) / 2);
        var again = Splits.Create("stratified", data, seed: 3);
        Assert.Equal(split.TrainIds, again.TrainIds);
        Assert.Equal(split.TestIds, again.TestIds);
        Assert.NotEqual(split.TestIds, Splits.Create("stratified", data, seed: 4).TestIds);
    }

    [Fact]
    public void OnRealPbcTheSplitIsHalfOfItsEightClasses()
    {
        var pbc = RealData.Pbc;
        Assert.Equal(PbcClasses.CoarseFolders, pbc.ClassNames);
        Assert.Equal(17_092, pbc.Count);
        var split = Splits.Create("stratified", pbc, seed: 0);
        Assert.Equal(8_546, split.TestIds.Count);
        var all = pbc.CountsPerClass();
        var test = pbc.CountsPerClass(split.TestIds);
        for (int c = 0; c < all.Length; c++)
            Assert.InRange(test[c], all[c] / 2, (all[c] + 1) / 2);
    }

    [Fact]
    public void TheTwoPercentLabelledComeFromTheTrainingHalfOnlyStratifiedByClass()
    {
        var pbc = RealData.Pbc;
        foreach (var (config, _) in Pbc(seeds: [0, 1]).Plan.Where(p => p.Config.Recipe == "ssl"))
        {
            var split = Splits.Create(config.Split, pbc, config.Seed);
            var labelled = ModelInitialiser.InitialLabels(config, Labels.Of(pbc, split));
            Assert.Subset(split.TrainIds.ToHashSet(), labelled.ToHashSet());
            Assert.Equal((int)Math.Round(0.02 * split.TrainIds.Count), labelled.Count);
            var inTrain = pbc.CountsPerClass(split.TrainIds);
            var counts = pbc.CountsPerClass(labelled);
            for (int c = 0; c < counts.Length; c++)
                Assert.InRange(counts[c], Math.Max(1, (int)Math.Floor(0.02 * inTrain[c])), Math.Max(1, (int)Math.Ceiling(0.02 * inTrain[c])));
        }
    }

    [Fact]
    public void ThePlanRunsEveryArmAndItsRandomControlOnPbcsStratifiedSplit()
    {
        var plan = Pbc(seeds: [0, 1]).Plan;
        Assert.Equal(2 * 5, plan.Count);
        Assert.All(plan, p =>
        {
            Assert.Equal(("pbc", "stratified"), (p.Config.DataSet, p.Config.Split));
            Assert.Equal((0.02, 0.97, 100, 3), (p.Config.InitialFraction, p.Config.PseudoLabelThreshold, p.Config.Budget, p.Config.Rounds));
            Assert.Equal(Presets.QuickArchitecture, p.Config.Architecture);
            Assert.StartsWith(Path.Combine("runs/x", "stratified"), p.RunDirectory);
        });
        foreach (var seed in new[] { 0, 1 })
            Assert.Equal(["ssl", "al", "ssl+al", "al (random)", "ssl+al (random)"],
                plan.Where(p => p.Config.Seed == seed).Select(p => ReproductionRun.ArmOf(p.Config)));
        Assert.All(plan.Where(p => p.Config.Recipe != "ssl"), p => Assert.Contains(p.Config.ActiveLearning, new[] { "cluster-margin", "random" }));
        Assert.Equal(plan.Count, plan.Select(p => p.RunDirectory).Distinct().Count());
        // The data set the plan names is PBC's 8 coarse classes, not its 11 fine ones.
        Assert.Equal(8, DataSets.Load(plan[0].Config.DataSet, RealData.Root).ClassNames.Count);
        // BCCD's plan is today's.
        var bccd = new Reproduction("poster", PresetProfile.Quick, [0], "runs/y").Plan;
        Assert.All(bccd, p => Assert.Equal("bccd", p.Config.DataSet));
        Assert.Equal(["paper", "provided"], bccd.Select(p => p.Config.Split).Distinct());
    }

    [Fact]
    public void PbcsPretrainingIsItsOwnSimclrCheckpointAndSeesTrainingIdsOnly()
    {
        var cache = new PretrainedCache("/cache");
        var options = new PretrainOptions();
        var plan = Pbc(c => PretrainedStart.Apply(c, cache, options), 0, 1).Plan;
        var pbc = RealData.Pbc;
        foreach (var (config, _) in plan)
        {
            Assert.Equal(InitialisationKind.Pretrained, config.Initialisation);
            Assert.Equal($"pbc-stratified-seed{config.Seed}-32px-cnn4.pt", Path.GetFileName(config.InitialisationPath));
            Assert.Equal("simclr-10ep", Path.GetFileName(Path.GetDirectoryName(config.InitialisationPath)));
            var split = Splits.Create(config.Split, pbc, config.Seed);
            var seen = PretrainingImages.Select(Labels.Of(pbc, split));
            Assert.Equal(split.TrainIds, seen);
            Assert.Empty(seen.Intersect(split.TestIds));
        }
    }

    [Fact]
    public void APbcReproductionRefusesAStartFromAFileAndSplitsItHasNot()
    {
        var fromFile = Assert.Throws<ArgumentException>(() =>
            Pbc(c => c with { Initialisation = InitialisationKind.Checkpoint, InitialisationPath = "/w/pbc-coarse-cnn4-32px.pt" }));
        Assert.Contains("pbc-coarse-cnn4-32px.pt", fromFile.Message);
        var paper = Assert.Throws<ArgumentException>(() => new Reproduction("poster", PresetProfile.Quick, [0], "runs/x", splits: ["paper"], dataSet: "pbc"));
        Assert.Contains("split 'paper' does not apply to pbc", paper.Message);
        var unknown = Assert.Throws<ArgumentException>(() => new Reproduction("poster", PresetProfile.Quick, [0], "runs/x", dataSet: "mnist"));
        Assert.StartsWith("reproduce poster runs on bccd or pbc, not 'mnist'", unknown.Message);
        Assert.DoesNotContain('\n', unknown.Message);
        Assert.Throws<ArgumentException>(() => new Reproduction("bone-marrow", PresetProfile.Quick, [0], "runs/x", dataSet: "bccd"));
    }

    [Fact]
    public void PbcFilesCarryTheDataSetAndBccdsKeepTheirNames()
    {
        ReproductionFiles Files(string dataSet) => new("poster", "quick", ReproductionFiles.PretrainedTag(10))
        { DataSet = ReproductionFiles.DataSetTag("poster", dataSet) };
        var pbc = Files("pbc");
        Assert.Equal(Path.Combine("runs", "reproduce-poster-pbc-quick-pretrained-10ep"), pbc.RunFolder("runs"));
        Assert.Equal(Path.Combine("results", "poster-pbc-quick-pretrained-10ep"), pbc.RecordsFolder("results"));
        var bccd = Files("bccd");
        Assert.Equal(new ReproductionFiles("poster", "quick", ReproductionFiles.PretrainedTag(10)), bccd);
        Assert.Equal(Path.Combine("runs", "reproduce-poster-quick-pretrained-10ep"), bccd.RunFolder("runs"));
        Assert.Equal(Path.Combine("results", "poster-quick-pretrained-10ep"), bccd.RecordsFolder("results"));
        Assert.Equal("", ReproductionFiles.DataSetTag("bone-marrow", "pbc-fine"));
    }

    [Fact]
    public void APbcReportHasNoPublishedColumnNorPublishedCurves()
    {
        ReproductionRun Run(string recipe, int seed, params double[] accuracy) =>
            new(recipe, "paper", seed, "", accuracy.Select((a, r) => ExperimentsTests.Round([[1]], r, a)).ToList(), 1);
        var runs = new[] { Run("ssl", 0, 0.5, 0.6), Run("ssl", 1, 0.7, 0.8) };
        var config = Presets.Create("poster", "ssl", PresetProfile.Quick);
        var onPbc = ReproductionReport.Of("poster", PresetProfile.Quick, config with { DataSet = "pbc" }, runs, ["a"], TimeSpan.Zero);
        Assert.DoesNotContain(onPbc.Summary.Header, h => h.Contains("published", StringComparison.Ordinal));
        Assert.All(onPbc.LearningCurves.SelectMany(c => c.Chart.Series), s => Assert.Null(s.Reference));
        Assert.Contains("poster reproduction on pbc,", onPbc.Header);
        var onBccd = ReproductionReport.Of("poster", PresetProfile.Quick, config, runs, ["a"], TimeSpan.Zero);
        Assert.Equal("81.50 ± 0.42", onBccd.Summary.Rows.Single(r => r[0] == "baseline")[2]);
        Assert.Contains(onBccd.LearningCurves.SelectMany(c => c.Chart.Series), s => s.Reference is not null);
        Assert.StartsWith("poster reproduction, ", onBccd.Header);
    }
}
