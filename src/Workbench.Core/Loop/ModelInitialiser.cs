using Workbench.Config;
using Workbench.Engine;
using Workbench.Runs;

namespace Workbench.Loop;

/// <summary>
/// What a run starts from: the round-0 model a config asks for (seeded random weights, optionally overwritten from a
/// file), exact copies and strict checkpoint loads of it, and the initially labelled ids.
/// </summary>
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
            return (model, LoadInitialWeights(model, WeightsFile(config)));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A model of the config's architecture with its seeded random weights, nothing loaded: what a rank other than 0
    /// builds before rank 0's weights are broadcast into it.
    /// </summary>
    public static Model Blank(ExperimentConfig config, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Model.Create(config.ParsedArchitecture(), numClasses, RoundSeeds.For(config.Seed, 0, SeedPurpose.ModelInit), config.Device);
    }

    /// <summary>
    /// Loads a starting point leniently: tensors that do not fit (a torchvision 1,000-class head on a 4-class model) keep the
    /// model's own initialisation and the report says which. A file of which nothing fits is another architecture's: refused.
    /// </summary>
    /// <exception cref="InvalidDataException">No tensor of the file fits the model.</exception>
    public static LoadReport LoadInitialWeights(Model model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var report = model.Load(path, strict: false);
        if (report.Loaded == 0)
            throw new InvalidDataException(
                $"No tensor of '{path}' fits a {model.Architecture.ToName()} with {model.NumClasses} classes: is it another architecture's? ({report})");
        return report;
    }

    /// <summary>The file to load: the path itself, or for a run folder its latest committed checkpoint.</summary>
    public static string WeightsFile(ExperimentConfig config)
    {
        string path = config.InitialisationPath
            ?? throw new ArgumentException("initialisationPath is required unless initialisation is scratch.", "initialisationPath");
        if (config.Initialisation == InitialisationKind.Pretrained && !File.Exists(path))
            throw new FileNotFoundException($"pretrained checkpoint '{path}' is not in the cache yet: run `workbench pretrain` for this data set, split, seed, size and architecture (run and reproduce with --init pretrained do it first)", path);
        if (!Directory.Exists(path)) return path;
        if (config.Initialisation != InitialisationKind.Checkpoint || !RunStore.IsRun(path))
            throw new ArgumentException($"'{path}' is a folder; give a weights file, or a run folder with initialisation checkpoint.", "initialisationPath");
        var run = RunStore.OpenExisting(path);
        var state = run.ReadState() ?? throw new ArgumentException($"The run in '{path}' has no finished round to start from.", "initialisationPath");
        return run.CheckpointPath(state.LastRound);
    }

    /// <summary>A model of the config's architecture with the weights of <paramref name="path"/>, which must fit exactly.</summary>
    /// <exception cref="InvalidDataException">The checkpoint does not fit the model.</exception>
    public static Model LoadCheckpoint(ExperimentConfig config, int numClasses, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        var model = Model.Create(config.ParsedArchitecture(), numClasses, RoundSeeds.For(config.Seed, 0, SeedPurpose.ModelInit), config.Device);
        try
        {
            var report = model.Load(path, strict: true);
            if (!report.IsComplete) throw new InvalidDataException($"Checkpoint '{path}' does not fit the model: {report}.");
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>An independent copy of <paramref name="source"/> (the weights every from-initial round starts from).</summary>
    public static Model Clone(Model source, string device)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = Model.Create(source.Architecture, source.NumClasses, 0, device);
        copy.CopyFrom(source);
        return copy;
    }

    /// <summary>
    /// The initial labels and the validation set: for a user's own data the given labelled ids (less the validation set, drawn
    /// among them when the config asks for one); otherwise <paramref name="chosen"/> (<see cref="InitialSelection"/>) or, when
    /// null, the stratified draw from the truth as the config says.
    /// </summary>
    public static (IReadOnlyList<int> Initial, ValidationSet Validation) StartingSets(ExperimentConfig config, IExperimentData data,
        IReadOnlyList<int>? chosen = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.GivenLabelledIds is { } given)
        {
            var validation = ValidationSet.Among(config, data, given);
            return (given.Where(id => !validation.Contains(id)).Order().ToArray(), validation);
        }
        var initial = chosen ?? InitialLabels(config, data);
        return (initial, ValidationSet.For(config, data, initial.ToHashSet()));
    }

    /// <summary>The validation set of a resumed run whose initial labels were <paramref name="initial"/>.</summary>
    public static ValidationSet ValidationOnResume(ExperimentConfig config, IExperimentData data, IReadOnlyCollection<int> initial)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.GivenLabelledIds is { } given ? ValidationSet.Among(config, data, given) : ValidationSet.For(config, data, initial);
    }

    /// <summary>The initially labelled ids the config asks for (fraction or count per class), seeded, ascending.</summary>
    public static IReadOnlyList<int> InitialLabels(ExperimentConfig config, IExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        int seed = RoundSeeds.For(config.Seed, 0, SeedPurpose.InitialLabels);
        if (config.InitialPerClass is int perClass)
            return Data.InitialLabels.ByCountPerClass(data.Labels, data.ClassNames, data.TrainIds, perClass, seed, data.Name);
        return Data.InitialLabels.ByFraction(data.Labels, data.ClassNames.Count, data.TrainIds, config.InitialFraction
            ?? throw new ArgumentException("The config gives neither initialFraction nor initialPerClass.", "initialFraction"), seed);
    }
}
