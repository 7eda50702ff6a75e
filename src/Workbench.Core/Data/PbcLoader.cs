namespace Workbench.Data;

/// <summary>
/// Loads PBC_dataset_normal_DIB/CLASS/PREFIX_id.jpg, with coarse labels from the folder (8 classes)
/// or fine labels from the file-name prefix (11 classes, or 13 with the unspecified groups kept).
/// </summary>
internal static class PbcLoader
{
    public const string CoarseName = "pbc";
    public const string FineName = "pbc-fine";

    private static readonly string[] LayoutCandidates =
    [
        Path.Combine("pbc", "PBC_dataset_normal_DIB"),
        "PBC_dataset_normal_DIB",
        ".",
    ];

    public static DataSet Load(string root, bool fine, DataSetOptions options)
    {
        var name = fine ? FineName : CoarseName;
        var fullRoot = LayoutScan.RequireRoot(root, name);
        var layoutDir = LayoutScan.FindLayoutDirectory(fullRoot, name, LayoutCandidates, PbcClasses.CoarseFolders[0]);

        var fineClasses = PbcClasses.Fine.Where(c => options.KeepUnspecifiedFineClasses || !c.IsUnspecified).ToList();
        var fineLabelByPrefix = fineClasses.Select((c, i) => (c.Prefix, i)).ToDictionary(p => p.Prefix, p => p.i, StringComparer.Ordinal);
        var classNames = fine ? fineClasses.Select(c => c.Name).ToList() : PbcClasses.CoarseFolders.ToList();
        var classCodes = fine ? fineClasses.Select(c => c.Prefix).ToList() : PbcClasses.CoarseFolders.ToList();

        var samples = new List<Sample>();
        var skipped = new List<SkippedFile>();
        var warnings = new List<string>();
        var dropped = new SortedDictionary<string, int>(StringComparer.Ordinal);

        foreach (var extra in LayoutScan.UnexpectedFolders(layoutDir, PbcClasses.CoarseFolders))
            warnings.Add($"unexpected folder ignored: {extra}");
        for (int folderIndex = 0; folderIndex < PbcClasses.CoarseFolders.Count; folderIndex++)
        {
            var folder = PbcClasses.CoarseFolders[folderIndex];
            var folderDir = LayoutScan.RequireFolder(layoutDir, folder, name);
            var (images, junk) = LayoutScan.ListImages(folderDir, folder + "/");
            skipped.AddRange(junk);
            if (images.Count == 0)
                warnings.Add($"empty class folder: {folder}/ ({folderDir}) has no images");
            foreach (var file in images)
            {
                var relative = folder + "/" + file;
                int label = folderIndex;
                if (fine)
                {
                    var prefix = PbcClasses.PrefixOf(file);
                    var fineClass = PbcClasses.Fine.FirstOrDefault(c => c.Prefix == prefix);
                    if (fineClass is null)
                    {
                        skipped.Add(new SkippedFile(relative, $"file-name prefix '{prefix ?? file}' is not a known PBC class"));
                        continue;
                    }
                    if (!fineLabelByPrefix.TryGetValue(fineClass.Prefix, out label))
                    {
                        dropped[fineClass.Prefix] = dropped.GetValueOrDefault(fineClass.Prefix) + 1;
                        continue;
                    }
                    if (fineClass.Folder != folder)
                        warnings.Add($"{relative}: prefix {fineClass.Prefix} belongs in folder {fineClass.Folder}/, labelled by prefix");
                }
                samples.Add(new Sample(samples.Count, relative, label, classNames[label], null, -1));
            }
        }

        // A fine class can be empty without an empty folder (e.g. a download without MMY_ files).
        if (fine)
        {
            var counts = new int[classNames.Count];
            foreach (var s in samples)
                counts[s.Label]++;
            for (int i = 0; i < counts.Length; i++)
                if (counts[i] == 0)
                    warnings.Add($"fine class {classCodes[i]} ({classNames[i]}) has no images");
        }

        var notes = new List<string>();
        if (dropped.Count > 0)
            notes.Add($"dropped the unspecified fine groups ({string.Join(", ", dropped.Select(p => $"{p.Key}_ {p.Value}"))}); "
                + "set KeepUnspecifiedFineClasses to keep them as their own classes");
        var cacheKey = fine && options.KeepUnspecifiedFineClasses ? FineName + "-all" : name;
        return new DataSet(name, layoutDir, classNames, classCodes, samples, skipped, warnings, notes, cacheKey);
    }
}
