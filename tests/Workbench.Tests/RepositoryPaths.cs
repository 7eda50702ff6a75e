namespace Workbench.Tests;

/// <summary>Folders of the source checkout the tests run from (found by walking up to Workbench.sln).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Workbench.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException($"no Workbench.sln above {AppContext.BaseDirectory}");
    });

    /// <summary>The checkout's root folder.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>notebooks/ of the checkout.</summary>
    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The notebook names (file names without .ipynb) in notebooks/, sorted.</summary>
    public static IReadOnlyList<string> NotebookNames() =>
        Directory.Exists(Notebooks)
            ? Directory.GetFiles(Notebooks, "*.ipynb").Select(Path.GetFileNameWithoutExtension).OfType<string>()
                .Where(n => !n.EndsWith(".executed", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];
}
