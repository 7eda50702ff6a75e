using Workbench.Data;
using Workbench.Config;

namespace Workbench.Loop;

/// <summary>
/// Loads each (data set, image size, crop) once through the image cache and serves experiment data for
/// any split and seed, so that a batch of experiments decodes nothing twice.
/// </summary>
public sealed class ExperimentDataProvider(string dataRoot, ImageCache cache, Action<string>? log = null) : IDisposable
{
    private readonly Dictionary<(string, int, int), CachedImages> _loaded = [];
    private SourceCellMap? _bccdCells;

    /// <summary>Called while a data set is decoded the first time (done, total).</summary>
    public Action<string, int, int>? DecodeProgress { get; init; }

    /// <summary>The decoded data set (loaded on first use), cropped to <paramref name="crop"/> original pixels around the nucleus unless 0.</summary>
    public CachedImages Images(string dataSet, int size, int crop = 0)
    {
        if (_loaded.TryGetValue((dataSet, size, crop), out var cached)) return cached;
        var set = DataSets.Load(dataSet, dataRoot);
        set.EnsureUsableForTraining();
        if (set.IsOwnData && set.Skipped.Count > 0)
            log?.Invoke($"{set.Skipped.Count} file(s) of {set.Root} left out (see `workbench data check`), first: {set.Skipped[0].RelativePath}: {set.Skipped[0].Reason}");
        var progress = DecodeProgress is { } report ? new SynchronousProgress<int>(done => report(dataSet, done, set.Count)) : null;
        cached = cache.Load(set, size, progress, log, crop);
        foreach (var failure in cached.DecodeFailures) log?.Invoke($"skipped {failure.RelativePath}: {failure.Reason}");
        _loaded[(dataSet, size, crop)] = cached;
        return cached;
    }

    /// <summary>
    /// BCCD's TEST images mapped to their TEST_SIMPLE source cells (hashed at 64 px, the size the near-copy threshold was
    /// chosen at; decoded once through the cache).
    /// </summary>
    public SourceCellMap BccdSourceCells()
    {
        if (_bccdCells is not null) return _bccdCells;
        var set = DataSets.Load("bccd", dataRoot, new DataSetOptions { BccdSplits = [BccdLayout.Test, BccdLayout.TestSimple] });
        using var cached = cache.Load(set, 64, null, log);
        _bccdCells = SourceCellMap.Build(ImageHashes.Compute(cached));
        return _bccdCells;
    }

    /// <summary>
    /// Checks that the config names a data set and split this provider can serve, so that a typo fails
    /// before a run folder is created (the loop itself also runs on in-memory, synthetic data).
    /// </summary>
    public static void CheckNames(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        bool ownData = OwnData.IsOwnDataName(config.DataSet);
        if (!ownData && !DataSets.Names.Contains(config.DataSet))
            throw new ArgumentException($"config field dataSet: unknown data set '{config.DataSet}' (expected {string.Join(", ", DataSets.Names)})", "dataSet");
        if (SplitName.Problem(config.Split, ownData) is { } problem)
            throw new ArgumentException($"config field split: {problem}", "split");
    }

    /// <summary>Images, truth and the config's split (seeded by the config's seed) in engine memory.</summary>
    public ExperimentData For(ExperimentConfig config)
    {
        var cached = Images(config.DataSet, config.ImageSize, config.CropPixels);
        return ExperimentData.FromCache(cached, Splits.Create(config.Split, cached.Data, config.Seed));
    }

    public void Dispose()
    {
        foreach (var cached in _loaded.Values) cached.Dispose();
        _loaded.Clear();
    }
}
