using Workbench.Data;
using Workbench.Loop;

namespace Workbench.Experiments;

/// <summary>
/// Loads each (data set, image size) once through the image cache and serves experiment data for
/// any split and seed, so that a batch of experiments decodes nothing twice.
/// </summary>
public sealed class ExperimentDataProvider(string dataRoot, ImageCache cache, Action<string>? log = null) : IDisposable
{
    private readonly Dictionary<(string, int), CachedImages> _loaded = [];

    /// <summary>Called while a data set is decoded the first time (done, total).</summary>
    public Action<string, int, int>? DecodeProgress { get; init; }

    /// <summary>The decoded data set (loaded on first use).</summary>
    public CachedImages Images(string dataSet, int size)
    {
        if (_loaded.TryGetValue((dataSet, size), out var cached)) return cached;
        var set = DataSets.Load(dataSet, dataRoot);
        set.EnsureUsableForTraining();
        var progress = DecodeProgress is { } report ? new SynchronousProgress<int>(done => report(dataSet, done, set.Count)) : null;
        cached = cache.Load(set, size, progress, log);
        foreach (var failure in cached.DecodeFailures) log?.Invoke($"skipped {failure.RelativePath}: {failure.Reason}");
        _loaded[(dataSet, size)] = cached;
        return cached;
    }

    /// <summary>Images, truth and the config's split (seeded by the config's seed) in engine memory.</summary>
    public ExperimentData For(ExperimentConfig config)
    {
        var cached = Images(config.DataSet, config.ImageSize);
        return ExperimentData.FromCache(cached, Splits.Create(config.Split, cached.Data, config.Seed));
    }

    public void Dispose()
    {
        foreach (var cached in _loaded.Values) cached.Dispose();
        _loaded.Clear();
    }
}

/// <summary>IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
