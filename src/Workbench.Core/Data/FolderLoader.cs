namespace Workbench.Data;

/// <summary>Loads a user's folder layout (<see cref="OwnData"/>): class names come from the folders under labelled/ and test/.</summary>
internal static class FolderLoader
{
    private static readonly string[] Known = [OwnData.LabelledSplit, OwnData.UnlabelledSplit, OwnData.TestSplit];

    public static DataSet Load(string root, string name)
    {
        var files = new List<(string, string?, string, string?)>();
        var skipped = new List<SkippedFile>();
        var warnings = new List<string>();
        var notes = new List<string>();
        foreach (var extra in LayoutScan.UnexpectedFolders(root, Known))
            warnings.Add($"unexpected folder ignored: {extra}/ (expected {string.Join("/, ", Known)}/)");
        var looseFiles = Directory.EnumerateFiles(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (looseFiles.Count > 0)
            notes.Add($"files beside the folders are not images of the data set: {string.Join(", ", looseFiles.Take(5))}{(looseFiles.Count > 5 ? ", ..." : "")}");

        AddClassFolders(root, OwnData.LabelledSplit, files, skipped, warnings);
        var unlabelled = Path.Combine(root, OwnData.UnlabelledSplit);
        if (Directory.Exists(unlabelled))
        {
            var (images, junk) = LayoutScan.ListImagesRecursive(unlabelled, OwnData.UnlabelledSplit + "/");
            skipped.AddRange(junk);
            files.AddRange(images.Select(p => ((string, string?, string, string?))(p, null, OwnData.UnlabelledSplit, null)));
        }
        if (Directory.Exists(Path.Combine(root, OwnData.TestSplit)))
            AddClassFolders(root, OwnData.TestSplit, files, skipped, warnings);
        return OwnData.Build(name, root, files, skipped, warnings, notes);
    }

    // Every sub-folder of split/ is a class; files directly in split/ belong to no class and are skipped.
    private static void AddClassFolders(string root, string split, List<(string, string?, string, string?)> files,
        List<SkippedFile> skipped, List<string> warnings)
    {
        var dir = Path.Combine(root, split);
        foreach (var loose in Directory.EnumerateFiles(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
            skipped.Add(new SkippedFile($"{split}/{loose}", $"directly in {split}/, in no class folder: move it to {split}/<class>/"));
        foreach (var cls in Directory.EnumerateDirectories(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
        {
            var (images, junk) = LayoutScan.ListImagesRecursive(Path.Combine(dir, cls), $"{split}/{cls}/");
            skipped.AddRange(junk);
            if (images.Count == 0)
                warnings.Add($"empty class folder: {split}/{cls}/ has no images");
            files.AddRange(images.Select(p => ((string, string?, string, string?))(p, cls, split, null)));
        }
    }
}
