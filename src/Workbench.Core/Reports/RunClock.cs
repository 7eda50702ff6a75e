using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Workbench.Reports;

/// <summary>
/// Times a notebook from its first cell, so that its last cell can state the profile it ran with, the machine and
/// how long it took (numbers in a report mean little without them).
/// </summary>
public sealed class RunClock
{
    private readonly Stopwatch _stopwatch;

    private RunClock(string profile)
    {
        Profile = profile;
        _stopwatch = Stopwatch.StartNew();
    }

    /// <summary>Starts the clock for a run with <paramref name="profile"/> (quick, full, ...).</summary>
    public static RunClock Start(string profile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        return new RunClock(profile);
    }

    /// <summary>The profile named at the start.</summary>
    public string Profile { get; }

    /// <summary>Time since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => _stopwatch.Elapsed;

    /// <summary>"profile quick; machine: 2 cores, Linux ..., X64; elapsed 3 min 12 s".</summary>
    public string Summary() =>
        $"profile {Profile}; machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}; " +
        $"elapsed {FormatDuration(Elapsed)}";

    /// <summary>A duration for people: "12.3 s" under a minute, "3 min 12 s" under an hour, else "1 h 05 min".</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "a duration cannot be negative");
        var inv = CultureInfo.InvariantCulture;
        if (duration.TotalSeconds < 60) return duration.TotalSeconds.ToString("0.0", inv) + " s";
        if (duration.TotalMinutes < 60) return string.Create(inv, $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s");
        return string.Create(inv, $"{(int)duration.TotalHours} h {duration.Minutes:00} min");
    }

    /// <inheritdoc />
    public override string ToString() => Summary();
}
