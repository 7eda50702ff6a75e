using System.Globalization;
using System.Text;

namespace Workbench.Data;

/// <summary>Renders a <see cref="DataCheckReport"/> as aligned plain text or as Markdown tables.</summary>
internal static class DataCheckReportWriter
{
    public static string Write(DataCheckReport report, bool markdown)
    {
        var text = new StringBuilder();
        void Heading(string title)
        {
            text.AppendLine();
            text.AppendLine(markdown ? $"### {title}" : title);
            if (markdown)
                text.AppendLine();
        }
        void Lines(IEnumerable<string> lines, string whenEmpty)
        {
            var any = false;
            foreach (var line in lines)
            {
                text.AppendLine(markdown ? $"- {line}" : $"  {line}");
                any = true;
            }
            if (!any)
                text.AppendLine(markdown ? $"- {whenEmpty}" : $"  {whenEmpty}");
        }

        var title = $"Data check: {report.DataSetName} ({N(report.SampleCount)} images, {report.ClassNames.Count} classes)";
        text.AppendLine(markdown ? $"## {title}" : title);
        if (markdown)
            text.AppendLine();
        text.AppendLine(markdown ? $"Root: `{report.Root}`" : $"Root: {report.Root}");

        Heading(report.PoolSplits.Count > 0 ? "Images per folder and class" : "Images per class");
        Table(text, markdown, CountRows(report));
        if (report.PoolSplits.Count > 0)
        {
            var pool = report.Counts.Where(c => report.PoolSplits.Contains(c.Split)).Sum(c => c.Count);
            var outside = report.Counts.Where(c => !report.PoolSplits.Contains(c.Split)).GroupBy(c => c.Split)
                .Select(g => $"{g.Key} ({N(g.Sum(c => c.Count))})");
            text.AppendLine();
            text.AppendLine($"Pool (what the paper, grouped and provided splits draw from): {string.Join(" + ", report.PoolSplits)} = {N(pool)} images. "
                + $"Scanned, not in the pool: {string.Join(", ", outside)}.");
        }

        if (report.UnlabelledCount > 0)
        {
            text.AppendLine();
            text.AppendLine($"Unlabelled (the pool): {N(report.UnlabelledCount)} images.");
        }

        Heading(report.Decoded ? "Image sizes (every image decoded)" : "Image sizes (from file headers)");
        Table(text, markdown, [["width x height", "images"], .. report.ImageSizes.Select(s => new[] { $"{s.Width}x{s.Height}", N(s.Count) })]);

        Heading($"Skipped files ({report.Skipped.Count})");
        Lines(report.Skipped.Select(s => $"{Code(s.RelativePath, markdown)}: {s.Reason}"), "none");

        Heading($"Unreadable files ({report.Unreadable.Count})");
        Lines(report.Unreadable.Select(s => $"{Code(s.RelativePath, markdown)}: {s.Reason}"), "none");

        Heading($"Warnings ({report.Warnings.Count})");
        Lines(report.Warnings, "none");
        if (report.Notes.Count > 0)
        {
            Heading("Notes");
            Lines(report.Notes, "none");
        }

        var conflicts = report.ConflictingDuplicates.Count;
        var copies = report.Duplicates.Sum(d => d.Members.Count);
        Heading($"Byte-identical duplicates ({report.Duplicates.Count} groups, {copies} files, {conflicts} with conflicting labels)");
        var both = report.LabelledAndUnlabelledDuplicates.Count;
        if (both > 0)
            text.AppendLine(markdown ? $"\n{both} group(s) are both labelled and in the unlabelled pool.\n" : $"  ({both} group(s) both labelled and in the unlabelled pool)");
        Lines(report.Duplicates.Select(d =>
            (d.HasConflictingLabels ? "CONFLICTING LABELS: " : d.InLabelledAndUnlabelled ? "LABELLED AND UNLABELLED: " : d.SpansSplits ? "ACROSS SPLITS: " : "")
            + string.Join(" == ", d.Members.Select(m => $"{Code(m.RelativePath, markdown)} [{(m.ClassName.Length > 0 ? m.ClassName : "unlabelled")}]"))), "none");
        return text.ToString();
    }

    private static List<string[]> CountRows(DataCheckReport report)
    {
        var splits = report.Counts.Select(c => c.Split).Distinct().ToList();
        bool hasSplits = splits.Any(s => s.Length > 0);
        // With folders outside the pool (BCCD TEST_SIMPLE) a "pool" column shows what training sees.
        bool poolColumn = report.PoolSplits.Count > 0;
        var header = new List<string> { "class" };
        if (hasSplits)
            header.AddRange(splits);
        header.Add("total");
        if (poolColumn)
            header.Add("pool");
        var rows = new List<string[]> { header.ToArray() };
        foreach (var className in report.ClassNames)
        {
            var row = new List<string> { className };
            var perSplit = splits.Select(s => report.Counts.Where(c => c.Split == s && c.ClassName == className).Sum(c => c.Count)).ToList();
            if (hasSplits)
                row.AddRange(perSplit.Select(N));
            row.Add(N(perSplit.Sum()));
            if (poolColumn)
                row.Add(N(perSplit.Where((_, i) => report.PoolSplits.Contains(splits[i])).Sum()));
            rows.Add(row.ToArray());
        }
        var totals = new List<string> { "total" };
        var splitTotals = splits.Select(s => report.Counts.Where(c => c.Split == s).Sum(c => c.Count)).ToList();
        if (hasSplits)
            totals.AddRange(splitTotals.Select(N));
        totals.Add(N(splitTotals.Sum()));
        if (poolColumn)
            totals.Add(N(splitTotals.Where((_, i) => report.PoolSplits.Contains(splits[i])).Sum()));
        rows.Add(totals.ToArray());
        return rows;
    }

    /// <summary>Aligned text columns, or a Markdown table; the first row is the header.</summary>
    internal static void Table(StringBuilder text, bool markdown, IReadOnlyList<string[]> rows)
    {
        if (markdown)
        {
            text.AppendLine("| " + string.Join(" | ", rows[0]) + " |");
            text.AppendLine("|" + string.Concat(rows[0].Select((_, i) => i == 0 ? "---|" : "---:|")));
            foreach (var row in rows.Skip(1))
                text.AppendLine("| " + string.Join(" | ", row) + " |");
            return;
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
            text.AppendLine("  " + string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
    }

    private static string Code(string path, bool markdown) => markdown ? $"`{path}`" : path;

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
