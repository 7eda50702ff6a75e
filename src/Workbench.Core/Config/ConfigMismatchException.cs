namespace Workbench.Config;

/// <summary>
/// A run folder was opened with a config that differs from the one it was started with. ParamName is the first
/// differing field; <see cref="Differences"/> lists them all.
/// </summary>
public sealed class ConfigMismatchException : ArgumentException
{
    public ConfigMismatchException(string directory, IReadOnlyList<ConfigDifference> differences)
        : base(Describe(directory, differences), differences.Count > 0 ? differences[0].Field : "config")
    {
        Directory = directory;
        Differences = differences;
    }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>Every differing field.</summary>
    public IReadOnlyList<ConfigDifference> Differences { get; }

    private static string Describe(string directory, IReadOnlyList<ConfigDifference> differences) =>
        $"The run in '{directory}' was started with a different config, so it cannot be resumed with this one. Differing field"
        + (differences.Count == 1 ? "" : "s") + ": "
        + string.Join("; ", differences.Select(d => $"{d.Field} (stored {d.Stored}, requested {d.Requested})"))
        + ". Use another run folder, or the stored config.json.";
}
