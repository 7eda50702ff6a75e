using System.Diagnostics;
using Workbench.Data;

namespace Workbench.Cli;

/// <summary>Loading a data set's images with a progress bar (decoding, or reading the cache).</summary>
internal static class Progress
{
    /// <summary>Loads a data set's images through the cache, with a bar while decoding.</summary>
    public static CachedImages LoadImages(ImageCache cache, DataSet set, int size, int crop = 0)
    {
        var clock = Stopwatch.StartNew();
        CachedImages cached = null!;
        var messages = new List<string>();
        Terminal.Progress(bars =>
        {
            var bar = bars.Add($"{set.Name} images at {size}px{NucleusCrop.Tag(crop)}", set.Count);
            cached = cache.Load(set, size, new Progress<int>(done => bar.Value = done), messages.Add, crop);
            bar.Complete();
        });
        foreach (var message in messages) Terminal.Note(message);
        foreach (var failure in cached.DecodeFailures)
            Terminal.Warning("skipped", $"{failure.RelativePath}: {failure.Reason}");
        Terminal.Note($"{set.Name}: {cached.Images.Count} images at {size}px in {clock.Elapsed.TotalSeconds:F1}s ({cached.Status})");
        return cached;
    }
}
