using System.CommandLine;
using Workbench.Engine;
using Workbench.Config;
using Workbench.Pretraining;
using Workbench.Reproductions;
using Workbench.Loop;

namespace Workbench.Cli;

/// <summary>Options shared by `run` and `reproduce`: profile, crop, initialisation, output folder.</summary>
internal sealed class ExperimentOptions
{
    public Option<string> Profile { get; } = new("--profile")
    {
        Description = "quick (small CNN, small images: minutes on 2 cores) or full (the paper's settings)",
        DefaultValueFactory = _ => "quick",
    };

    public Option<string?> Weights { get; } = new("--weights")
    {
        Description = "Start from a torchvision state dict (e.g. ImageNet ResNet-18; needs --arch resnet18 compatible config)",
    };

    public Option<string?> Checkpoint { get; } = new("--checkpoint")
    {
        Description = "Start from a checkpoint (.pt) or a run folder of another run (e.g. supervised pretraining on another data set)",
    };

    public Option<string?> Output { get; } = new("--out") { Description = "Output folder (default under ./runs)" };

    /// <summary>Overrides the preset's (or config file's) crop; part of the default folder and result names when set.</summary>
    public Option<int?> Crop { get; } = CropOption.Create();

    public Option<string?> Init { get; } = new("--init")
    {
        Description = "scratch, or pretrained: start every run from the cached SimCLR checkpoint of its own data set, split, seed, size and "
            + "architecture (pretrained first when missing; see --pretrain-*). Default: pretrained for the poster's quick profile, "
            + "otherwise scratch (a --config keeps its own start); --weights / --checkpoint start from a file instead",
    };

    public PretrainOptionsGroup Pretraining { get; } = new("pretrain-");

    /// <summary>FixMatch's settings, for the recipes that train on the unlabelled pool.</summary>
    public ConsistencyOptionsGroup Consistency { get; } = new();

    /// <summary>A reproduction's overrides of network, size and query strategy (reproduce only: run has its own).</summary>
    public VariantOptions? Variant { get; init; }

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Weights);
        command.Options.Add(Checkpoint);
        command.Options.Add(Output);
        command.Options.Add(Crop);
        command.Options.Add(Init);
        Pretraining.AddTo(command);
        Consistency.AddTo(command);
        Variant?.AddTo(command);
    }

    public PresetProfile ParseProfile(ParseResult result) => PresetProfiles.Parse(result.GetValue(Profile)!, "--profile");

    /// <summary>
    /// The start asked for, or the preset's default (<see cref="PretrainedStart.IsDefaultFor"/>: the poster's quick profile
    /// starts pretrained). <paramref name="preset"/> is the protocol of a preset on its own data set; null for a config file
    /// (which keeps its own start) or own data.
    /// </summary>
    public string InitName(ParseResult result, string? preset)
    {
        if (result.GetValue(Init) is { } init) return init;
        bool file = result.GetValue(Weights) is not null || result.GetValue(Checkpoint) is not null;
        return preset is not null && !file && PretrainedStart.IsDefaultFor(preset, ParseProfile(result)) ? "pretrained" : "scratch";
    }

    /// <summary>
    /// The file names of a reproduction with this start ("-pretrained-10ep", "-from-file", or none for scratch) in the
    /// engine's precision (call after CommonOptions.ConfigureEngine), on <paramref name="dataSet"/> (null: the protocol's own).
    /// </summary>
    public ReproductionFiles Files(ParseResult result, string protocol, string? dataSet = null) =>
        new(protocol, ParseProfile(result).ToString().ToLowerInvariant(),
            InitName(result, protocol) == "pretrained" ? ReproductionFiles.PretrainedTag(Pretraining.Parse(result).Epochs)
                : ReproductionFiles.FileTag(result.GetValue(Weights) ?? result.GetValue(Checkpoint)),
            Runtime.Precision, CropOption.Parse(result, Crop))
        { DataSet = dataSet is null ? "" : ReproductionFiles.DataSetTag(protocol, dataSet), Variant = Variant?.Tag(result) ?? "" };

    /// <summary>
    /// The crop (when --crop is given) and then the initialisation the user asked for, applied to a preset config
    /// (pretrained checkpoints come from <paramref name="cache"/>; the crop first, because it is part of their key).
    /// </summary>
    public Func<ExperimentConfig, ExperimentConfig> Adjust(ParseResult result, PretrainedCache cache, string? preset)
    {
        var initialise = Initialisation(result, cache, preset);
        // Only the recipes that read them get FixMatch's settings: the others' configs (and run folders) stay as they were.
        var consistency = Consistency.Parse(result);
        // Size, network and crop first: the pretrained start's key depends on them.
        var variant = Variant?.Apply(result) ?? (c => c);
        ExperimentConfig Consistent(ExperimentConfig c) => c.ParsedRecipe().TrainsOnUnlabelled() ? c with { Consistency = consistency } : c;
        if (result.GetValue(Crop) is null) return config => initialise(Consistent(variant(config)));
        int crop = CropOption.Parse(result, Crop);
        return config => initialise(Consistent(variant(config) with { CropPixels = crop }));
    }

    private Func<ExperimentConfig, ExperimentConfig> Initialisation(ParseResult result, PretrainedCache cache, string? preset)
    {
        var weights = result.GetValue(Weights);
        var checkpoint = result.GetValue(Checkpoint);
        var init = InitName(result, preset);
        if (weights is not null && checkpoint is not null)
            throw new ArgumentException("give either --weights or --checkpoint, not both", "--weights");
        if (init is not ("scratch" or "pretrained"))
            throw new ArgumentException($"--init must be scratch or pretrained, got '{init}' (files: --weights, --checkpoint)", "--init");
        if (init == "pretrained")
        {
            if (weights is not null || checkpoint is not null)
                throw new ArgumentException("--init pretrained starts from the pretraining cache; drop --weights / --checkpoint", "--init");
            var options = Pretraining.Parse(result);
            return config => PretrainedStart.Apply(config, cache, options);
        }
        if (weights is not null && !File.Exists(weights)) throw new FileNotFoundException($"weights file '{weights}' does not exist", weights);
        if (checkpoint is not null && !File.Exists(checkpoint) && !Directory.Exists(checkpoint))
            throw new FileNotFoundException($"checkpoint '{checkpoint}' does not exist", checkpoint);
        return config => weights is not null ? config with { Initialisation = InitialisationKind.Weights, InitialisationPath = Path.GetFullPath(weights) }
            : checkpoint is not null ? config with { Initialisation = InitialisationKind.Checkpoint, InitialisationPath = Path.GetFullPath(checkpoint) }
            : config;
    }

    /// <summary>
    /// Pretrains (or finds in the cache) the checkpoint of every planned config that starts from one, before any run starts,
    /// so the runs' progress bars are not interleaved with pretraining's.
    /// </summary>
    public void EnsurePretrained(ParseResult result, IEnumerable<ExperimentConfig> configs, ExperimentDataProvider data, PretrainedCache cache)
    {
        PretrainOptions? options = null;  // parsed only when a run starts pretrained: a scratch run ignores --pretrain-*
        var seen = new HashSet<string>();
        foreach (var config in configs.Where(c => c.Initialisation == InitialisationKind.Pretrained))
        {
            if (!seen.Add(config.InitialisationPath!)) continue;
            options ??= Pretraining.Parse(result);
            using var experimentData = data.For(config);
            PretrainOptionsGroup.Ensure(config, experimentData, cache, options);
        }
    }
}
