using System.Security.Cryptography;
using System.Text;

namespace Workbench.Data;

/// <summary>
/// A user's own images, no code needed. Either a folder
/// <code>
/// labelled/&lt;class&gt;/**     labelled images, any depth below the class folder
/// unlabelled/**            the pool, any depth
/// test/&lt;class&gt;/**         optional held-out labelled images
/// </code>
/// or a CSV manifest with the columns <c>path,label,split,group</c> (a header line; paths relative to the manifest; an empty
/// label = unlabelled; split labelled / unlabelled / test, empty = by the label; group optional, e.g. the slide or patient).
/// Named <c>folder:/path</c> (a folder, a folder holding manifest.csv, or the .csv itself) or simply by a path.
/// </summary>
public static class OwnData
{
    /// <summary>Prefix of an own-data name ("folder:/data/cells").</summary>
    public const string Prefix = "folder:";

    /// <summary>Split of labelled images (the initial labels).</summary>
    public const string LabelledSplit = "labelled";

    /// <summary>Split of unlabelled images (the pool).</summary>
    public const string UnlabelledSplit = "unlabelled";

    /// <summary>Split of held-out labelled images.</summary>
    public const string TestSplit = "test";

    /// <summary>The manifest looked for in a folder without labelled/.</summary>
    public const string ManifestFileName = "manifest.csv";

    /// <summary>True when <paramref name="name"/> names a user's folder or manifest rather than a built-in data set.</summary>
    public static bool IsOwnDataName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        return trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || trimmed.Contains('/') || trimmed.Contains('\\') || trimmed.StartsWith('.') || trimmed.StartsWith('~');
    }

    /// <summary>The absolute path inside an own-data name.</summary>
    public static string PathOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var path = name.Trim();
        if (path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) path = path[Prefix.Length..];
        if (path.StartsWith('~'))
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        if (path.Length == 0) throw new ArgumentException($"'{name}' names no folder: write {Prefix}/path/to/images.", nameof(name));
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
    }

    /// <summary>The canonical name of the folder or manifest at <paramref name="path"/> ("folder:" + absolute path).</summary>
    public static string NameFor(string path) => Prefix + PathOf(path);

    /// <summary>
    /// Loads the folder layout or manifest named by <paramref name="name"/>. Files that are not images, misplaced files and
    /// bad manifest rows are skipped with their reason (<see cref="DataSet.Skipped"/>); doubtful things become warnings.
    /// </summary>
    /// <exception cref="DataSetException">The path does not exist or holds neither layout; the message says what was expected.</exception>
    public static DataSet Load(string name)
    {
        var path = PathOf(name);
        var canonical = Prefix + path;
        if (File.Exists(path))
            return ManifestLoader.Load(path, canonical);
        if (!Directory.Exists(path))
            throw new DataSetException($"Own data '{path}' does not exist: give a folder with labelled/<class>/ (and unlabelled/, test/) or a manifest .csv.");
        if (Directory.Exists(Path.Combine(path, LabelledSplit)))
            return FolderLoader.Load(path, canonical);
        var manifest = Path.Combine(path, ManifestFileName);
        if (File.Exists(manifest))
            return ManifestLoader.Load(manifest, canonical);
        throw new DataSetException(
            $"Own data '{path}' has neither a labelled/ folder (labelled/<class>/..., unlabelled/..., optional test/<class>/...) "
            + $"nor a {ManifestFileName} (columns path,label,split,group).");
    }

    /// <summary>Cache key: readable folder name plus a hash of the full path, so two folders called "cells" never share a cache file.</summary>
    internal static string CacheKey(string path)
    {
        var leaf = new string(Path.GetFileName(Path.TrimEndingDirectorySeparator(path)).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..10];
        return $"folder-{(leaf.Length > 0 ? leaf : "root")}-{hash}";
    }

    /// <summary>A data set from what a loader found; class names sorted ordinally, samples numbered in order.</summary>
    internal static DataSet Build(string name, string root, IReadOnlyList<(string Path, string? Class, string Split, string? Group)> files,
        IReadOnlyList<SkippedFile> skipped, List<string> warnings, IReadOnlyList<string> notes)
    {
        var classes = files.Where(f => f.Class is not null).Select(f => f.Class!).Distinct().Order(StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
            throw new DataSetException($"Own data '{root}' has no labelled image: at least one class needs labelled images to start from.");
        var labelOf = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var groupIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = new List<Sample>(files.Count);
        foreach (var (path, cls, split, group) in files)
        {
            int groupId = group is null ? -1 : groupIds.TryGetValue(group, out var g) ? g : groupIds[group] = groupIds.Count;
            samples.Add(cls is null
                ? new Sample(samples.Count, path, Sample.NoLabel, "", split, groupId)
                : new Sample(samples.Count, path, labelOf[cls], cls, split, groupId));
        }
        foreach (var cls in classes.Where(c => !samples.Any(s => s.ClassName == c && s.Split == LabelledSplit)))
            warnings.Add($"class '{cls}' has test images but no labelled ones: the model cannot learn it");
        if (!samples.Any(s => s.Split == UnlabelledSplit))
            warnings.Add("no unlabelled images: rounds have nothing to propose or query");
        return new DataSet(name, root, classes, classes, samples, skipped, warnings, notes, CacheKey(root)) { IsOwnData = true };
    }
}
