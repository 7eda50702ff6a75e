using Workbench.Config;
using Workbench.Engine;
using Workbench.Loop;

namespace Workbench.Pretraining;

/// <summary>Where a checkpoint came from: the cache, or a pretraining just run (with its curve).</summary>
public sealed record PretrainedCheckpoint(string Path, bool Reused, PretrainSidecar Sidecar);

/// <summary>
/// A run's pretrained start. <see cref="Apply"/> points a config at the cached checkpoint of its (data set, split, seed,
/// size, architecture, method, epochs); <see cref="Ensure"/> pretrains it first when the cache has none. Pretraining
/// sees the training side of the config's split only (<see cref="PretrainingImages"/>); the monitor scores the run's
/// own initially labelled images.
/// </summary>
public static class PretrainedStart
{
    /// <summary>
    /// Whether a preset starts pretrained when the user names no start: the poster's quick profile does, because from
    /// scratch its 124-image baseline (73.4 ± 2.1%, paper split, n = 3) is too weak for pseudo-labels and SimCLR without
    /// colour jitter lifts it to 76.9 ± 1.7% (chosen on validation). The bone-marrow quick profile was validated from
    /// scratch, and the full profile (ResNet-18, 224 px) expects ImageNet weights: pretraining it would take days here.
    /// </summary>
    public static bool IsDefaultFor(string protocol, PresetProfile profile) => protocol == "poster" && profile == PresetProfile.Quick;

    /// <summary>The config, starting from the pretrained checkpoint of its key (which <see cref="Ensure"/> provides).</summary>
    public static ExperimentConfig Apply(ExperimentConfig config, PretrainedCache cache, PretrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(cache);
        return config with { Initialisation = InitialisationKind.Pretrained, InitialisationPath = cache.CheckpointPath(PretrainKey.For(config, options)) };
    }

    /// <summary>The cached checkpoint for the config, pretrained now (and cached) when missing or made with other settings.</summary>
    public static PretrainedCheckpoint Ensure(ExperimentConfig config, IExperimentData data, PretrainedCache cache, PretrainOptions options,
        IProgress<PretrainEpoch>? progress = null, Action<string>? log = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var key = PretrainKey.For(config, options);
        if (cache.TryGet(key, options, out var reason) is { } cached)
        {
            log?.Invoke($"pretrained checkpoint {cache.CheckpointPath(key)} reused ({cached.Epochs.Count - 1} epochs, kNN {cached.Epochs[^1].KnnAccuracy:P1})");
            return new PretrainedCheckpoint(cache.CheckpointPath(key), Reused: true, cached);
        }
        log?.Invoke($"pretraining {key.MethodTag} for {key.FileStem}: {reason}");
        var ids = PretrainingImages.Select(data);
        var (initial, _) = ModelInitialiser.StartingSets(config, data);
        var labelled = initial.Where(id => data.Labels[id] >= 0).ToArray();
        var monitor = new MonitorSet(labelled, labelled.Select(id => data.Labels[id]).ToArray());
        // The same seeded initial weights as a scratch run of this config: pretraining is then the only difference.
        using var model = Model.Create(ArchitectureNames.Parse(key.Architecture), data.ClassNames.Count, RoundSeeds.For(config.Seed, 0, SeedPurpose.ModelInit), config.Device);
        var result = ContrastivePretraining.Fit(model, data.Images, ids, monitor, options, RoundSeeds.For(config.Seed, 0, SeedPurpose.Pretraining),
            progress, cancel);
        var sidecar = new PretrainSidecar(key, options, ids.Count, monitor.Ids.Count, Runtime.Threads, result.Epochs, result.Seconds, DateTime.UtcNow);
        cache.Store(model, sidecar);
        return new PretrainedCheckpoint(cache.CheckpointPath(key), Reused: false, sidecar);
    }
}
