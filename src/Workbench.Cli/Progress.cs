using System.Diagnostics;
using Spectre.Console;
using Workbench.Data;

namespace Workbench.Cli;

/// <summary>Progress bars for the long steps (decoding, epochs, rounds).</summary>
internal static class Progress
{
    public static ProgressColumn[] Columns() =>
    [
        new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(),
    ];

    /// <summary>Loads a data set's images through the cache, with a bar while decoding.</summary>
    public static CachedImages LoadImages(ImageCache cache, DataSet set, int size)
    {
        var clock = Stopwatch.StartNew();
        CachedImages cached = null!;
        var messages = new List<string>();
        AnsiConsole.Progress().Columns(Columns()).Start(context =>
        {
            var task = context.AddTask($"{set.Name} images at {size}px", maxValue: set.Count);
            cached = cache.Load(set, size, new Progress<int>(done => task.Value = done), messages.Add);
            task.Value = set.Count;
        });
        foreach (var message in messages) AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]");
        foreach (var failure in cached.DecodeFailures)
            AnsiConsole.MarkupLineInterpolated($"[yellow]skipped[/] {failure.RelativePath}: {failure.Reason}");
        AnsiConsole.MarkupLineInterpolated($"[grey]{set.Name}: {cached.Images.Count} images at {size}px in {clock.Elapsed.TotalSeconds:F1}s ({cached.Status})[/]");
        return cached;
    }
}
