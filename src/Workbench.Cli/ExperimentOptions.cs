using System.CommandLine;
using Workbench.Loop;
using Workbench.Config;

namespace Workbench.Cli;

/// <summary>Options shared by `run` and `reproduce`: profile, initialisation, output folder.</summary>
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

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Weights);
        command.Options.Add(Checkpoint);
        command.Options.Add(Output);
    }

    public PresetProfile ParseProfile(ParseResult result) => PresetProfiles.Parse(result.GetValue(Profile)!, "--profile");

    /// <summary>The initialisation the user asked for, applied to a preset config.</summary>
    public Func<ExperimentConfig, ExperimentConfig> Initialisation(ParseResult result)
    {
        var weights = result.GetValue(Weights);
        var checkpoint = result.GetValue(Checkpoint);
        if (weights is not null && checkpoint is not null)
            throw new ArgumentException("give either --weights or --checkpoint, not both", "--weights");
        if (weights is not null && !File.Exists(weights)) throw new FileNotFoundException($"weights file '{weights}' does not exist", weights);
        if (checkpoint is not null && !File.Exists(checkpoint) && !Directory.Exists(checkpoint))
            throw new FileNotFoundException($"checkpoint '{checkpoint}' does not exist", checkpoint);
        return config => weights is not null ? config with { Initialisation = InitialisationKind.Weights, InitialisationPath = Path.GetFullPath(weights) }
            : checkpoint is not null ? config with { Initialisation = InitialisationKind.Checkpoint, InitialisationPath = Path.GetFullPath(checkpoint) }
            : config;
    }

    /// <summary>Short tag for folder names: scratch, weights or checkpoint.</summary>
    public static string InitialisationTag(ExperimentConfig config) => config.Initialisation.ToString().ToLowerInvariant();
}
