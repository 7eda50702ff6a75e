using System.Text;

namespace Workbench.Records;

/// <summary>
/// The results folder's index: every records folder rebuilt (<see cref="RecordsReport"/>), then results/README.md listing
/// each reproduction with its headline comparisons and, for splits with test cells, its per-cell table. README's short
/// summary links here; the full tables live in each folder's README.md.
/// </summary>
/// <param name="Path">The index written.</param>
/// <param name="Folders">The records folders, in name order.</param>
public sealed record ResultsIndex(string Path, IReadOnlyList<string> Folders)
{
    /// <summary>The index file name.</summary>
    public const string FileName = "README.md";

    /// <summary>Rebuilds every records folder directly under <paramref name="results"/> and writes the index.</summary>
    /// <remarks>With <paramref name="readme"/>, also fills that file's <see cref="HeadlineSummary"/> block.</remarks>
    public static ResultsIndex Rebuild(string results, Metrics.ClusterBootstrapOptions? options = null, string? readme = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(results);
        var folders = Directory.GetDirectories(results).Where(ReproductionRecords.IsRecords).Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.AppendLine("# Measured results, rebuilt from the committed records").AppendLine();
        text.AppendLine("Written by `workbench report results` from the per-seed records in each folder below (`records.csv`: one row per "
            + "run and round; `cells.csv`: the test cells of splits whose images share source cells). Nothing here needs the run folders "
            + "or any training. Each folder's README.md has every table; this page has the headline comparisons. Differences are called "
            + "so only where they survive Holm's adjustment within the reproduction's stated family.").AppendLine();
        var reports = new List<(string, RecordsReport)>();
        foreach (var folder in folders)
        {
            var report = RecordsReport.Of(ReproductionRecords.Read(folder), options);
            reports.Add((System.IO.Path.GetFileName(folder), report));
            report.WriteTo(folder);
            var name = System.IO.Path.GetFileName(folder);
            text.AppendLine($"## [{name}]({name}/README.md)").AppendLine();
            text.AppendLine(report.Header + ".").AppendLine();
            text.AppendLine(report.OverSeeds.ToMarkdown());
            if (report.OverCells is { } cells) text.AppendLine(cells.ToMarkdown());
            if (report.Cells is { } table) text.AppendLine(table.ToMarkdown());
        }
        var path = System.IO.Path.Combine(results, FileName);
        File.WriteAllText(path, text.ToString());
        if (readme is not null)
        {
            var link = System.IO.Path.GetRelativePath(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(readme))!, System.IO.Path.GetFullPath(results)).Replace('\\', '/');
            File.WriteAllText(readme, HeadlineSummary.Replace(File.ReadAllText(readme), HeadlineSummary.Markdown(reports, link), readme));
        }
        return new ResultsIndex(path, folders);
    }
}
