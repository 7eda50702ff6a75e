// CropNamesTests.cs: tests (Workbench.Tests, reproductions layer) that a crop changes every name a run's numbers are
// found under, and that whole-frame names stay as they were.
using Workbench.Config;
using Workbench.Engine;
using Workbench.Pretraining;
using Workbench.Reproductions;

namespace Workbench.Tests.Reproductions;

public class CropNamesTests
{
    private static readonly ExperimentConfig Baseline = Presets.Create("poster", "baseline", PresetProfile.Quick);

    [Fact]
    public void ARunFolderNamesItsCropOnlyWhenSet()
    {
        Assert.Equal(Path.Combine("runs", "bccd-paper-baseline-cnn4-32px-scratch-seed0"), RunFolderName.For(Baseline, false, Precision.Fp32));
        Assert.Equal(Path.Combine("runs", "bccd-paper-baseline-cnn4-32px-crop120-scratch-seed0"),
            RunFolderName.For(Baseline with { CropPixels = 120 }, false, Precision.Fp32));
        Assert.NotEqual(RunFolderName.For(Baseline with { CropPixels = 90 }, false, Precision.Fp32),
            RunFolderName.For(Baseline with { CropPixels = 120 }, false, Precision.Fp32));
        Assert.Equal(Path.Combine("runs", "own-cells-provided-baseline-cnn4-32px-scratch-seed0-random-bf16"),
            RunFolderName.For(Baseline with { DataSet = "folder:/data/cells", Split = "provided", ActiveLearning = "random" }, true, Precision.Bf16));
    }

    [Fact]
    public void AReproductionNamesItsCropOnlyWhenSet()
    {
        var whole = new ReproductionFiles("poster", "quick", "");
        var cropped = whole with { Crop = 120 };
        Assert.Equal(Path.Combine("runs", "reproduce-poster-quick"), whole.RunFolder("runs"));
        Assert.Equal(Path.Combine("runs", "reproduce-poster-quick-crop120"), cropped.RunFolder("runs"));
        Assert.Equal(Path.Combine("results", "poster-quick-crop120-pretrained-10ep"),
            (cropped with { StartTag = ReproductionFiles.PretrainedTag(10) }).RecordsFolder("results"));
        Assert.Equal(Path.Combine("results", "poster-quick"), whole.RecordsFolder("results"));
    }

    [Fact]
    public void AVariantIsNamedAfterTheCropAndBeforeTheStartAndCnn4DropoutStartsFromCnn4sCheckpoint()
    {
        var variant = new ReproductionFiles("poster", "quick", ReproductionFiles.PretrainedTag(10), Precision.Bf16, 90) { Variant = "-cnn4-dropout-bald" };
        Assert.Equal(Path.Combine("results", "poster-quick-crop90-cnn4-dropout-bald-pretrained-10ep-bf16"), variant.RecordsFolder("results"));
        var options = new PretrainOptions();
        Assert.Equal(PretrainKey.For(Baseline, options), PretrainKey.For(Baseline with { Architecture = "cnn4-dropout" }, options));
        Assert.NotEqual(PretrainKey.For(Baseline, options), PretrainKey.For(Baseline with { Architecture = "smallcnn" }, options));
    }

    [Fact]
    public void AQueryVariantReachesTheAlArmsWhileTheirRandomControlsStayRandom()
    {
        var plan = new Reproduction("poster", PresetProfile.Quick, [0], "runs/v",
            adjust: c => c with { ActiveLearning = "bald", Architecture = "cnn4-dropout" }, recipes: ["al", "ssl+al"]).Plan;
        Assert.Equal(["al", "ssl+al", "al (random)", "ssl+al (random)"], plan.Where(p => p.Config.Split == "paper").Select(p => ReproductionRun.ArmOf(p.Config)));
        Assert.All(plan, p => Assert.Equal("cnn4-dropout", p.Config.Architecture));
        Assert.All(plan, p => Assert.Equal(ReproductionRun.ArmOf(p.Config).EndsWith("(random)", StringComparison.Ordinal) ? "random" : "bald", p.Config.ActiveLearning));
    }

    [Fact]
    public void APretrainedCheckpointOfCroppedImagesIsAnotherCheckpoint()
    {
        var options = new PretrainOptions();
        var whole = PretrainKey.For(Baseline, options);
        var cropped = PretrainKey.For(Baseline with { CropPixels = 120 }, options);
        Assert.Equal("bccd-paper-seed0-32px-cnn4", whole.FileStem);
        Assert.Equal("bccd-paper-seed0-32px-crop120-cnn4", cropped.FileStem);
        Assert.NotEqual(whole, cropped);
        // A sidecar written before crops existed has no crop: it reads as whole frames.
        var old = System.Text.Json.JsonSerializer.Deserialize<PretrainKey>(
            """{"dataSet":"bccd","split":"paper","seed":0,"size":32,"architecture":"cnn4","method":"simclr","epochs":10,"precision":"fp32"}""",
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Equal(0, old!.Crop);
    }
}
