namespace Workbench.Data;

/// <summary>Folder-walking steps shared by the loaders: find the layout root, list image files.</summary>
internal static class LayoutScan
{
    /// <summary>The data root must exist before anything is looked up under it.</summary>
    public static string RequireRoot(string root, string dataSetName)
    {
        if (string.IsNullOrWhiteSpace(root))
            throw new ArgumentException("A data root is required.", nameof(root));
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
            throw new DataSetException($"Data root for '{dataSetName}' does not exist: {full}");
        return full;
    }

    /// <summary>
    /// First candidate directory that contains <paramref name="marker"/> as a sub-directory; lets
    /// the user point at the data root, the data set folder, or the layout folder itself.
    /// </summary>
    public static string FindLayoutDirectory(string root, string dataSetName, IReadOnlyList<string> candidates, string marker)
    {
        foreach (var candidate in candidates)
        {
            var dir = Path.GetFullPath(Path.Combine(root, candidate));
            if (Directory.Exists(Path.Combine(dir, marker)))
                return dir;
        }
        var tried = candidates.Select(c => Path.GetFullPath(Path.Combine(root, c, marker)));
        throw new DataSetException(
            $"Data set '{dataSetName}' not found under {root}: expected a folder '{marker}' at one of:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", tried));
    }

    /// <summary>A required sub-folder; missing is an error naming the full path.</summary>
    public static string RequireFolder(string parent, string name, string dataSetName)
    {
        var dir = Path.Combine(parent, name);
        if (!Directory.Exists(dir))
            throw new DataSetException($"Data set '{dataSetName}': expected folder is missing: {dir}");
        return dir;
    }

    /// <summary>
    /// Files of one folder in ordinal name order, split into images and skipped files (not a JPEG or
    /// PNG or TIFF by content). <paramref name="relativePrefix"/> is prepended to the file name.
    /// </summary>
    public static (List<string> ImageNames, List<SkippedFile> Skipped) ListImages(string folder, string relativePrefix)
    {
        var names = Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal).ToList();
        var images = new List<string>(names.Count);
        var skipped = new List<SkippedFile>();
        foreach (var name in names)
        {
            var (format, reason) = ImageFormatSniffer.DetectFile(Path.Combine(folder, name));
            if (format == ImageFormat.Unknown)
                skipped.Add(new SkippedFile(relativePrefix + name, reason ?? "not an image"));
            else
                images.Add(name);
        }
        return (images, skipped);
    }

    /// <summary>
    /// Files of <paramref name="folder"/> and all its sub-folders, as paths relative to the data set root
    /// (<paramref name="relativePrefix"/> + path below the folder, '/' separators) in ordinal order, split into images and
    /// skipped files (no JPEG, PNG or TIFF signature).
    /// </summary>
    public static (List<string> ImagePaths, List<SkippedFile> Skipped) ListImagesRecursive(string folder, string relativePrefix)
    {
        var paths = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal).ToList();
        var images = new List<string>(paths.Count);
        var skipped = new List<SkippedFile>();
        foreach (var path in paths)
        {
            var (format, reason) = ImageFormatSniffer.DetectFile(Path.Combine(folder, path));
            if (format == ImageFormat.Unknown)
                skipped.Add(new SkippedFile(relativePrefix + path, reason ?? "not an image"));
            else
                images.Add(relativePrefix + path);
        }
        return (images, skipped);
    }

    /// <summary>Sub-folders of <paramref name="folder"/> that the layout does not know about.</summary>
    public static IEnumerable<string> UnexpectedFolders(string folder, IEnumerable<string> expected)
    {
        var known = new HashSet<string>(expected, StringComparer.Ordinal);
        return Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>()
            .Where(n => !known.Contains(n)).Order(StringComparer.Ordinal);
    }
}
