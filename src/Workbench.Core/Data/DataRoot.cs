namespace Workbench.Data;

/// <summary>
/// Finds the directory that holds the data sets (bccd/, pbc/): an explicit option, else the
/// WORKBENCH_DATA environment variable, else a <c>shared/datasets</c> directory found by walking
/// up from the current directory and from the application's base directory.
/// </summary>
public static class DataRoot
{
    /// <summary>Environment variable naming the data root.</summary>
    public const string EnvironmentVariable = "WORKBENCH_DATA";

    /// <summary>Relative path looked for next to each ancestor directory.</summary>
    public static readonly string SharedDatasetsFolder = Path.Combine("shared", "datasets");

    /// <summary>
    /// Resolves the data root to an absolute path. An explicit option or environment variable that
    /// names a missing directory is an error (no silent fallback); the error names every place tried.
    /// </summary>
    public static string Resolve(string? option) =>
        Resolve(option, Environment.GetEnvironmentVariable(EnvironmentVariable),
            [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    /// <summary>Same as <see cref="Resolve(string?)"/> with the environment and start points given (for tests).</summary>
    public static string Resolve(string? option, string? environmentValue, IReadOnlyList<string> searchStarts)
    {
        ArgumentNullException.ThrowIfNull(searchStarts);
        if (!string.IsNullOrWhiteSpace(option))
        {
            var full = Path.GetFullPath(option);
            return Directory.Exists(full)
                ? full
                : throw new DataSetException($"Data root given as option does not exist: {full}");
        }
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            var full = Path.GetFullPath(environmentValue);
            return Directory.Exists(full)
                ? full
                : throw new DataSetException($"Data root from environment variable {EnvironmentVariable} does not exist: {full}");
        }

        var tried = new List<string>();
        foreach (var start in searchStarts.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, SharedDatasetsFolder);
                if (tried.Contains(candidate))
                    continue;
                tried.Add(candidate);
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        throw new DataSetException(
            $"No data root found. Give one with --data, or set {EnvironmentVariable}. Places tried:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", tried));
    }
}
