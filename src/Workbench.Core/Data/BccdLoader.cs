using System.Text.RegularExpressions;

namespace Workbench.Data;

/// <summary>
/// Loads the BCCD "blood-cells" crops: dataset2-master/images/{TRAIN,TEST,TEST_SIMPLE}/CLASS/_k_r.jpeg.
/// The k in the file name becomes a globally unique <see cref="Sample.SourceGroup"/> per (class, split, k).
/// k takes as many values as the folder has source cells, but it is not the source cell: it behaves like
/// the position in a shuffled Keras augmentation batch. The pixels show it: of the TEST images whose
/// nearest image is a near-copy, 14% share its k, the rate expected by chance (<see cref="LeakAudit.CheckSourceIndex"/>).
/// </summary>
internal static partial class BccdLoader
{
    public const string Name = "bccd";

    private static readonly string[] LayoutCandidates =
    [
        Path.Combine("bccd", "dataset2-master", "images"),
        Path.Combine("dataset2-master", "images"),
        "images",
        ".",
    ];

    [GeneratedRegex(@"^_(\d+)_\d+\.[A-Za-z]+$")]
    private static partial Regex SourceName();

    public static DataSet Load(string root, DataSetOptions options)
    {
        var splits = NormalizeSplits(options.BccdSplits);
        var fullRoot = LayoutScan.RequireRoot(root, Name);
        var imagesDir = LayoutScan.FindLayoutDirectory(fullRoot, Name, LayoutCandidates, splits[0]);

        var samples = new List<Sample>();
        var skipped = new List<SkippedFile>();
        var warnings = new List<string>();
        // A folder next to TRAIN/TEST that the layout does not know is data nobody looks at: say so.
        foreach (var extra in LayoutScan.UnexpectedFolders(imagesDir, BccdLayout.Splits))
            warnings.Add($"unexpected folder ignored: {extra}/ ({Directory.EnumerateFiles(Path.Combine(imagesDir, extra), "*", SearchOption.AllDirectories).Count()} files)");
        var groupIds = new Dictionary<(string Split, int Label, int Source), int>();
        int ungrouped = 0;

        foreach (var split in splits)
        {
            var splitDir = LayoutScan.RequireFolder(imagesDir, split, Name);
            foreach (var extra in LayoutScan.UnexpectedFolders(splitDir, BccdLayout.Classes))
                warnings.Add($"unexpected folder ignored: {split}/{extra}");
            for (int label = 0; label < BccdLayout.Classes.Count; label++)
            {
                var className = BccdLayout.Classes[label];
                var classDir = LayoutScan.RequireFolder(splitDir, className, Name);
                var prefix = $"{split}/{className}/";
                var (images, junk) = LayoutScan.ListImages(classDir, prefix);
                skipped.AddRange(junk);
                if (images.Count == 0)
                    warnings.Add($"empty class folder: {prefix} ({classDir}) has no images");
                foreach (var file in images)
                {
                    int group = -1;
                    var match = SourceName().Match(file);
                    if (match.Success && int.TryParse(match.Groups[1].ValueSpan, out var source))
                    {
                        var key = (split, label, source);
                        if (!groupIds.TryGetValue(key, out group))
                            groupIds[key] = group = groupIds.Count;
                    }
                    else
                    {
                        ungrouped++;
                    }
                    samples.Add(new Sample(samples.Count, prefix + file, label, className, split, group));
                }
            }
        }

        if (ungrouped > 0)
            warnings.Add($"{ungrouped} file(s) do not follow the _<source>_<n> naming; they have no source group (SourceGroup = -1)");
        var notes = new List<string>
        {
            $"splits loaded: {string.Join(", ", splits)}; {groupIds.Count} source groups (one per class, split and file-name index _k_, "
            + "which is not the source cell: see data check --leak-audit)",
        };
        var cacheKey = splits.SequenceEqual(DataSetOptions.Default.BccdSplits)
            ? Name
            : Name + "-" + string.Join("-", splits).ToLowerInvariant().Replace('_', '-');
        return new DataSet(Name, imagesDir, BccdLayout.Classes, BccdLayout.Classes, samples, skipped, warnings, notes, cacheKey);
    }

    /// <summary>The known split folders present under the layout found from <paramref name="root"/>, in load order.</summary>
    public static IReadOnlyList<string> PresentSplits(string root)
    {
        var fullRoot = LayoutScan.RequireRoot(root, Name);
        var imagesDir = LayoutScan.FindLayoutDirectory(fullRoot, Name, LayoutCandidates, BccdLayout.Train);
        return BccdLayout.Splits.Where(s => Directory.Exists(Path.Combine(imagesDir, s))).ToList();
    }

    private static List<string> NormalizeSplits(IReadOnlyList<string>? requested)
    {
        if (requested is null || requested.Count == 0)
            throw new ArgumentException(
                $"BccdSplits must name at least one of {string.Join(", ", BccdLayout.Splits)}.", nameof(DataSetOptions.BccdSplits));
        foreach (var split in requested)
            if (!BccdLayout.Splits.Contains(split, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException(
                    $"Unknown BCCD split '{split}'; valid: {string.Join(", ", BccdLayout.Splits)}.", nameof(DataSetOptions.BccdSplits));
        // Canonical order so that the same selection always gives the same ids and cache.
        return BccdLayout.Splits.Where(s => requested.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
