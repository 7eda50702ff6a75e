// Loop layer: builds the round-0 model a config asks for.
using Workbench.Engine;
using Workbench.Config;
using Workbench.Runs;

namespace Workbench.Loop;

/// <summary>Builds the round-0 model a config asks for: seeded random weights, optionally overwritten from a file.</summary>
public static class ModelInitialiser
{
    /// <summary>
    /// The model and, when weights were loaded, what matched. Loading is lenient (a torchvision or other-data-set
    /// classifier head does not fit and stays random) but must match at least one tensor.
    /// </summary>
    /// <exception cref="ArgumentException">The file matches nothing; names initialisationPath.</exception>
    /// <exception cref="FileNotFoundException">The weights file or run checkpoint does not exist.</exception>
    public static (Model Model, LoadReport? Report) Create(ExperimentConfig config, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(config);
        var model = Model.Create(config.ParsedArchitecture(), numClasses, RoundSeeds.For(config.Seed, 0, SeedPurpose.ModelInit), config.Device);
        if (config.Initialisation == InitialisationKind.Scratch) return (model, null);
        try
        {
            string path = WeightsFile(config);
            var report = model.Load(path, strict: false);
            if (report.Loaded == 0)
                throw new ArgumentException(
                    $"No tensor of '{path}' fits a {config.Architecture} with {numClasses} classes ({report}).", "initialisationPath");
            return (model, report);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The file to load: the path itself, or for a run folder its latest committed checkpoint.</summary>
    public static string WeightsFile(ExperimentConfig config)
    {
        string path = config.InitialisationPath
            ?? throw new ArgumentException("initialisationPath is required unless initialisation is scratch.", "initialisationPath");
        if (!Directory.Exists(path)) return path;
        if (config.Initialisation != InitialisationKind.Checkpoint || !RunStore.IsRun(path))
            throw new ArgumentException($"'{path}' is a folder; give a weights file, or a run folder with initialisation checkpoint.", "initialisationPath");
        var run = RunStore.OpenExisting(path);
        var state = run.ReadState() ?? throw new ArgumentException($"The run in '{path}' has no finished round to start from.", "initialisationPath");
        return run.CheckpointPath(state.LastRound);
    }
}
