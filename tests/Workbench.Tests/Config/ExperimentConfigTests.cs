using Workbench.Engine;
using Workbench.Loop;
using Workbench.Config;

namespace Workbench.Tests.Config;

public class ExperimentConfigTests
{
    public static TheoryData<string, ExperimentConfig> InvalidConfigs => new()
    {
        { "pseudoLabelThreshold", new ExperimentConfig { PseudoLabelThreshold = 0 } },
        { "pseudoLabelThreshold", new ExperimentConfig { PseudoLabelThreshold = 1.01 } },
        { "budget", new ExperimentConfig { Budget = 0 } },
        { "initialFraction", new ExperimentConfig { InitialFraction = 0 } },
        { "initialFraction", new ExperimentConfig { InitialFraction = 1.5 } },
        { "initialFraction", new ExperimentConfig { InitialFraction = 0.1, InitialPerClass = 25 } },
        { "initialPerClass", new ExperimentConfig { InitialFraction = null, InitialPerClass = 0 } },
        { "rounds", new ExperimentConfig { Rounds = -1 } },
        { "recipe", new ExperimentConfig { Recipe = "active" } },
        { "activeLearning", new ExperimentConfig { ActiveLearning = "batchbald" } },
        { "architecture", new ExperimentConfig { Architecture = "vgg" } },
        { "marginThreshold", new ExperimentConfig { MarginThreshold = -0.1 } },
        { "cstRejectRate", new ExperimentConfig { CstRejectRate = 1 } },
        { "batchSize", new ExperimentConfig { BatchSize = 1 } },
        { "learningRate", new ExperimentConfig { LearningRate = 0 } },
        { "momentum", new ExperimentConfig { Momentum = 1 } },
        { "poolPerRound", new ExperimentConfig { PoolPerRound = 0 } },
        { "classCap", new ExperimentConfig { ClassCap = 0 } },
        { "minSteps", new ExperimentConfig { MinSteps = 0 } },
        { "schedule", new ExperimentConfig { Schedule = (LearningRateSchedule)7 } },
        { "augmentation", new ExperimentConfig { Augmentation = (Augmentation)64 } },
        { "initialisationPath", new ExperimentConfig { Initialisation = InitialisationKind.Weights } },
        { "topKScorer", new ExperimentConfig { QueryScorer = "variance" } },
        { "cropPixels", new ExperimentConfig { CropPixels = -1 } },
        { "cropPixels", new ExperimentConfig { CropPixels = 4 } },
        { "cropPixels", new ExperimentConfig { CropPixels = 5000 } },
        { "stopWhenKappa", new ExperimentConfig { StopWhenKappa = 1.01 } },
        { "stopWhenKappa", new ExperimentConfig { StopWhenKappa = -1.5 } },
        { "stopWhenKappa", new ExperimentConfig { StopWhenKappa = double.NaN } },
        { "stopKappaWindow", new ExperimentConfig { StopKappaWindow = 0 } },
        { "stopSetSize", new ExperimentConfig { StopSetSize = 0 } },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void InvalidConfigsNameTheField(string field, ExperimentConfig config)
    {
        var error = Assert.Throws<ArgumentException>(() => config.Validate());
        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void UnknownStrategyListsTheValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExperimentConfig { Recipe = "semi" }.Validate());
        foreach (var name in Recipes.Names) Assert.Contains(name, error.Message);
    }

    [Fact]
    public void AllProblemsAreReportedAtOnce()
    {
        var problems = new ExperimentConfig { Budget = 0, Rounds = -2, Recipe = "x" }.Problems();
        Assert.Equal(["recipe", "budget", "rounds"], problems.Select(p => p.Field));
    }

    [Fact]
    public void JsonRoundTripsEveryField()
    {
        var config = Presets.BoneMarrow(Recipe.CstAl) with
        {
            Initialisation = InitialisationKind.Checkpoint, InitialisationPath = "/runs/pbc/0", MarginCap = 300, CstRejectRate = 0.05,
        };
        string json = config.ToJson();
        Assert.Contains("\"recipe\": \"cst+al\"", json);
        Assert.Contains("\"retrain\": \"fine-tune\"", json);
        Assert.Contains("\"initialisation\": \"checkpoint\"", json);
        Assert.Equal(config, ExperimentConfigJson.FromJson(json));
        Assert.Empty(ExperimentConfigJson.Differences(config, ExperimentConfigJson.FromJson(json)));
        var poster = Presets.Poster();
        Assert.Contains("\"augmentation\": \"horizontal-flip, vertical-flip\"", poster.ToJson());
        Assert.Equal(poster, ExperimentConfigJson.FromJson(poster.ToJson()));
    }

    [Fact]
    public void JsonWithAnUnknownFieldOrABadValueNamesIt()
    {
        string json = new ExperimentConfig().ToJson();
        var unknown = Assert.Throws<ArgumentException>(() => ExperimentConfigJson.FromJson(json.Replace("\"budget\"", "\"budgett\"")));
        Assert.Contains("budgett", unknown.Message);
        var bad = Assert.Throws<ArgumentException>(() => ExperimentConfigJson.FromJson(json.Replace("\"budget\": 100", "\"budget\": 0")));
        Assert.Equal("budget", bad.ParamName);
        var wrongType = Assert.Throws<ArgumentException>(() => ExperimentConfigJson.FromJson(json.Replace("\"budget\": 100", "\"budget\": \"many\"")));
        Assert.Equal("budget", wrongType.ParamName);
    }

    [Fact]
    public void DifferencesNameEachChangedField()
    {
        var a = Presets.Poster();
        var b = a with { Budget = 50, Augmentation = Augmentation.All };
        var differences = ExperimentConfigJson.Differences(a, b);
        Assert.Equal(["budget", "augmentation"], differences.Select(d => d.Field));
        Assert.Equal("100", differences[0].Stored);
        Assert.Equal("50", differences[0].Requested);
    }

    [Fact]
    public void PresetsFollowThePapersAndValidate()
    {
        foreach (var profile in Enum.GetValues<PresetProfile>())
            foreach (var protocol in Presets.Protocols)
                foreach (var strategy in Presets.StrategiesOf(protocol))
                    Presets.Create(protocol, strategy, profile).Validate();

        var poster = Presets.Poster(Recipe.SslAl);
        Assert.Equal(("bccd", "resnet18", 0.02, 64, 40, 0.97, 100, 3, RetrainMode.FromInitial),
            (poster.DataSet, poster.Architecture, poster.InitialFraction!.Value, poster.BatchSize, poster.Epochs,
             poster.PseudoLabelThreshold, poster.Budget, poster.Rounds, poster.Retrain));
        Assert.Equal([0.5, 0.7, 0.9, 0.97, 0.99], Presets.PosterThresholdAblation().Select(c => c.PseudoLabelThreshold));
        Assert.Equal([50, 100], Presets.PosterBudgetAblation().Select(c => c.Budget));

        var cst = Presets.BoneMarrow(Recipe.Cst);
        var cstAl = Presets.BoneMarrow(Recipe.CstAl);
        Assert.Equal((0.99, 0.9), (cst.PseudoLabelThreshold, cstAl.PseudoLabelThreshold));
        Assert.Equal(("senet8", 25, 5000, 1000, 0.01, 0.005, Augmentation.All, "margin-threshold", 0.2),
            (cst.Architecture, cst.InitialPerClass!.Value, cst.PoolPerRound!.Value, cst.ClassCap!.Value, cst.LearningRate,
             cst.FineTuneLearningRate!.Value, cst.Augmentation, cst.ActiveLearning, cst.MarginThreshold));

        var quick = Presets.Create("poster", "ssl+al", PresetProfile.Quick);
        Assert.Equal(("cnn4", 32, 20, 320, 32, 0.02, LearningRateSchedule.Cosine, (int?)null),
            (quick.Architecture, quick.ImageSize, quick.Epochs, quick.MinSteps!.Value, quick.BatchSize, quick.LearningRate, quick.Schedule,
             quick.MaxSteps));
        Assert.Equal(Augmentation.Rotate90 | Augmentation.HorizontalFlip | Augmentation.VerticalFlip, quick.Augmentation);
        Assert.All(Presets.StrategiesOf("poster"), s => Assert.Equal(quick with { Recipe = s, Rounds = s == "baseline" ? 0 : 3 },
            Presets.Create("poster", s, PresetProfile.Quick)));
        var quickCst = Presets.Create("bone-marrow", "cst", PresetProfile.Quick);
        // The poster's quick recipe, with a step budget per fine-tuning round.
        Assert.Equal(("cnn4", 20, 320, 400, 0.02, LearningRateSchedule.Cosine, quick.Augmentation, RetrainMode.FineTune),
            (quickCst.Architecture, quickCst.Epochs, quickCst.MinSteps!.Value, quickCst.MaxSteps!.Value, quickCst.LearningRate, quickCst.Schedule,
             quickCst.Augmentation, quickCst.Retrain));
        Assert.Equal(LearningRateSchedule.Constant, poster.Schedule);
        Assert.Throws<ArgumentException>(() => Presets.Create("poster", "magic"));
        Assert.Throws<ArgumentException>(() => Presets.Create("imagenet", "ssl"));
    }

    [Fact]
    public void FineTuneUsesTheSecondLearningRateAfterRoundZero()
    {
        var config = Presets.BoneMarrow();
        Assert.Equal(0.01, config.FitOptions(0, 1).Sgd.LearningRate);
        Assert.Equal(0.005, config.FitOptions(1, 1).Sgd.LearningRate);
        var poster = Presets.Poster() with { FineTuneLearningRate = 0.001 };
        Assert.Equal(0.01, poster.FitOptions(2, 1).Sgd.LearningRate);
    }

    [Fact]
    public void RoundSeedsDifferByRoundAndPurposeAndRepeat()
    {
        var seeds = new HashSet<int>();
        for (int round = 0; round < 30; round++)
            foreach (var purpose in new[] { SeedPurpose.ModelInit, SeedPurpose.Training, SeedPurpose.Pool, SeedPurpose.Selection })
                Assert.True(seeds.Add(RoundSeeds.For(42, round, purpose)));
        Assert.Equal(RoundSeeds.For(42, 3, SeedPurpose.Pool), RoundSeeds.For(42, 3, SeedPurpose.Pool));
        Assert.NotEqual(RoundSeeds.For(42, 3, SeedPurpose.Pool), RoundSeeds.For(43, 3, SeedPurpose.Pool));
        Assert.Equal(42, RoundSeeds.For(42, 5, SeedPurpose.InitialLabels));
    }

    [Fact]
    public void TheCropRoundTripsAndConfigsWrittenBeforeItReadAsWholeFrames()
    {
        var cropped = Presets.Poster() with { CropPixels = 120 };
        string json = cropped.ToJson();
        Assert.Contains("\"cropPixels\": 120", json);
        Assert.Equal(cropped, ExperimentConfigJson.FromJson(json));

        string old = Presets.Poster().ToJson().Replace("  \"cropPixels\": 0,\n", "");
        Assert.DoesNotContain("cropPixels", old);
        var loaded = ExperimentConfigJson.FromJson(old);
        Assert.Equal(0, loaded.CropPixels);
        Assert.Equal(Presets.Poster(), loaded);

        // Another crop is other images: a run never resumes with it.
        var difference = Assert.Single(ExperimentConfigJson.Differences(loaded, cropped));
        Assert.Equal("cropPixels", difference.Field);
        Assert.Throws<ConfigMismatchException>(() => ExperimentConfigJson.RequireResumable(loaded, cropped, "runs/x"));
        var bad = Assert.Throws<ArgumentException>(() => ExperimentConfigJson.FromJson(json.Replace("\"cropPixels\": 120", "\"cropPixels\": 2")));
        Assert.Equal("cropPixels", bad.ParamName);
        Assert.Contains("cropPixels: must be 0 (the whole frame) or a square side of 8 to 4096 original pixels, got 2", bad.Message);
    }

    [Fact]
    public void ConfigsWrittenBeforeTheStoppingRuleNeverStopAndTheRuleLeavesRoundZeroShared()
    {
        string json = Presets.Poster().ToJson();
        Assert.Contains("\"stopWhenKappa\": null", json);
        string old = json.Replace("  \"stopWhenKappa\": null,\n", "").Replace("  \"stopKappaWindow\": 3,\n", "")
            .Replace("  \"stopSetSize\": 1000,\n", "");
        Assert.DoesNotContain("stopWhenKappa", old);
        Assert.DoesNotContain("stopKappaWindow", old);
        Assert.DoesNotContain("stopSetSize", old);
        var loaded = ExperimentConfigJson.FromJson(old);
        Assert.Null(loaded.StopWhenKappa);
        Assert.Equal(Presets.Poster(), loaded);
        Assert.Empty(ExperimentConfigJson.Differences(loaded, Presets.Poster()));

        var stopping = Presets.Poster() with { StopWhenKappa = 0.99, StopKappaWindow = 2 };
        Assert.Equal(stopping, ExperimentConfigJson.FromJson(stopping.ToJson()));
        Assert.Equal(["stopWhenKappa", "stopKappaWindow"], ExperimentConfigJson.Differences(loaded, stopping).Select(d => d.Field));
        // A stop rule decides after round 0 only: the arms of a seed still share their round 0 with or without one.
        Assert.True(Workbench.Runs.RoundZeroDonor.ShareRoundZero(loaded, stopping));
        // The stop set is not: round 0 records its predictions.
        Assert.False(Workbench.Runs.RoundZeroDonor.ShareRoundZero(loaded, loaded with { StopSetSize = 500 }));
    }

    [Fact]
    public void ConfigFilesWrittenBeforeTheRenameStillLoad()
    {
        string legacy = System.Text.RegularExpressions.Regex.Replace(
            Presets.Poster(Recipe.Ssl).ToJson().Replace("\"recipe\"", "\"strategy\""), "\\s*\"selectionOrder\": \"[a-z-]+\",", "");
        var loaded = ExperimentConfigJson.FromJson(legacy);
        Assert.Equal("ssl", loaded.Recipe);
        Assert.Equal(SelectionOrder.QueriesFirst, loaded.SelectionOrder);
        var both = Assert.Throws<ArgumentException>(() => ExperimentConfigJson.FromJson(
            Presets.Poster().ToJson().Replace("{", "{\"strategy\": \"ssl\",")));
        Assert.Contains("strategy", both.Message);
    }

    [Fact]
    public void PresetsCarryTheCorrectedProtocolRules()
    {
        // Poster: pseudo-labels first, then k-means on what remains; the budget ablation is AL-only.
        Assert.Equal(SelectionOrder.PseudoLabelsFirst, Presets.Poster(Recipe.SslAl).SelectionOrder);
        Assert.Equal(SelectionOrder.PseudoLabelsFirst, Presets.Poster(Recipe.SslAl, PresetProfile.Quick).SelectionOrder);
        Assert.All(Presets.PosterBudgetAblation(), c => Assert.Equal("al", c.Recipe));
        Assert.Equal([50, 100], Presets.PosterBudgetAblation().Select(c => c.Budget));
        Assert.True(Presets.Poster().WeightedLoss);
        // Bone marrow: 50 validation images per class, the 80% gate, no class weighting.
        var full = Presets.BoneMarrow(Recipe.CstAl);
        Assert.Equal(50, full.ValidationPerClass);
        Assert.Equal(0.8, full.ValidationGate);
        Assert.False(full.WeightedLoss);
        var quick = Presets.BoneMarrow(Recipe.CstAl, PresetProfile.Quick);
        Assert.Equal(50, quick.ValidationPerClass);
        Assert.Null(quick.ValidationGate);
        Assert.False(quick.WeightedLoss);
    }
}
