using Workbench.Common;

namespace Workbench.Data;

/// <summary>
/// Loads a CSV manifest (<see cref="OwnData"/>). Paths are relative to the manifest's folder (or absolute). A row that
/// cannot be used is skipped with its line number and reason, never silently: a missing file, a path listed twice, a
/// test row without a label, an unlabelled row that carries a label, an unknown split.
/// </summary>
internal static class ManifestLoader
{
    private static readonly string[] Columns = ["path", "label", "split", "group"];

    public static DataSet Load(string manifestPath, string name)
    {
        var root = Path.GetDirectoryName(manifestPath)!;
        IReadOnlyList<CsvRow> rows;
        try { rows = Csv.Parse(File.ReadAllText(manifestPath)); }
        catch (FormatException e) { throw new DataSetException($"Manifest {manifestPath} is not valid CSV: {e.Message}", e); }
        if (rows.Count == 0)
            throw new DataSetException($"Manifest {manifestPath} is empty: it needs a header line path,label,split,group.");
        var header = rows[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        int Column(string column) => header.IndexOf(column);
        if (Column("path") < 0 || Column("label") < 0)
            throw new DataSetException(
                $"Manifest {manifestPath}: the header line must name the columns path and label (and optionally split, group); found: {string.Join(",", rows[0].Fields)}.");
        var warnings = new List<string>();
        foreach (var unknown in header.Where(h => !Columns.Contains(h)))
            warnings.Add($"manifest column '{unknown}' is not used (known: {string.Join(", ", Columns)})");

        var files = new List<(string, string?, string, string?)>();
        var skipped = new List<SkippedFile>();
        var firstLine = new Dictionary<string, (int Line, string Label)>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1))
        {
            string Field(string column) => Column(column) is int i && i >= 0 && i < row.Fields.Count ? row.Fields[i].Trim() : "";
            var (path, label, split, group) = (Field("path"), Field("label"), Field("split").ToLowerInvariant(), Field("group"));
            var at = $"manifest line {row.Line}";
            if (path.Length == 0) { skipped.Add(new SkippedFile($"(line {row.Line})", $"{at}: empty path")); continue; }
            var full = Path.GetFullPath(Path.Combine(root, path));
            var relative = Path.GetRelativePath(root, full) is var r && !r.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(r)
                ? r.Replace(Path.DirectorySeparatorChar, '/') : full;
            if (firstLine.TryGetValue(full, out var first))
            {
                var conflict = first.Label != label ? $" with another label ('{first.Label}' there, '{label}' here)" : "";
                skipped.Add(new SkippedFile(relative, $"{at}: listed again{conflict}; line {first.Line} is used"));
                continue;
            }
            var (format, reason) = File.Exists(full) ? ImageFormatSniffer.DetectFile(full) : (ImageFormat.Unknown, "file not found");
            if (format == ImageFormat.Unknown) { skipped.Add(new SkippedFile(relative, $"{at}: {reason}")); continue; }
            string? problem = null;
            var kind = split switch
            {
                "" => label.Length > 0 ? OwnData.LabelledSplit : OwnData.UnlabelledSplit,
                "labelled" or "labeled" or "train" => OwnData.LabelledSplit,
                "unlabelled" or "unlabeled" or "pool" => OwnData.UnlabelledSplit,
                "test" => OwnData.TestSplit,
                _ => null,
            };
            if (kind is null) problem = $"split '{split}' is not one of labelled, unlabelled, test";
            else if (kind != OwnData.UnlabelledSplit && label.Length == 0) problem = $"a {kind} image needs a label";
            else if (kind == OwnData.UnlabelledSplit && label.Length > 0)
                problem = $"split unlabelled but label '{label}' given: remove one of them";
            if (problem is not null) { skipped.Add(new SkippedFile(relative, $"{at}: {problem}")); continue; }
            firstLine[full] = (row.Line, label); // only rows that are used: a later copy of a skipped row is judged on its own
            files.Add((relative, kind == OwnData.UnlabelledSplit ? null : label, kind!, group.Length > 0 ? group : null));
        }
        WarnAboutGroups(files, warnings);
        return OwnData.Build(name, root, files, skipped, warnings, []);
    }

    // A group (slide, patient) on both sides of the test line leaks: near-identical cells are then tested on.
    private static void WarnAboutGroups(List<(string Path, string? Class, string Split, string? Group)> files, List<string> warnings)
    {
        var grouped = files.Where(f => f.Group is not null).ToList();
        if (grouped.Count == 0) return;
        if (grouped.Count < files.Count)
            warnings.Add($"{files.Count - grouped.Count} image(s) have no group while others do: a grouped split needs a group for every labelled image");
        foreach (var g in grouped.GroupBy(f => f.Group!, StringComparer.Ordinal))
            if (g.Any(f => f.Split == OwnData.TestSplit) && g.Any(f => f.Split != OwnData.TestSplit))
                warnings.Add($"group '{g.Key}' has images in test and outside it: its cells leak into the test");
    }
}
