using System.Globalization;
using System.Text;
using Workbench.Metrics;
using Workbench.Reproductions;

namespace Workbench.Records;

/// <summary>
/// The block README shows between <see cref="Begin"/> and <see cref="End"/>: per reproduction, each arm's last-round
/// accuracy per split (mean ± std, n) and, for splits with test cells, the class-balanced per-cell accuracy with its
/// interval over cells and seeds; then which headline comparisons survive Holm's correction. Rebuilt by
/// `workbench report results --readme README.md`, so README's numbers are the records' numbers.
/// </summary>
public static class HeadlineSummary
{
    /// <summary>The opening marker.</summary>
    public const string Begin = "<!-- results:begin -->";

    /// <summary>The closing marker.</summary>
    public const string End = "<!-- results:end -->";

    /// <summary>The block for <paramref name="reports"/> (folder name, report), without the markers.</summary>
    public static string Markdown(IReadOnlyList<(string Folder, RecordsReport Report)> reports, string resultsLink)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var text = new StringBuilder();
        foreach (var (folder, report) in reports)
        {
            var runs = report.Records.Runs.Select(r => r.Run).ToList();
            var splits = runs.Select(r => r.Split).Distinct().ToList();
            text.AppendLine($"**[{folder}]({resultsLink}/{folder}/README.md)**: {report.Header}.").AppendLine();
            var header = new List<string> { "arm", "round" };
            foreach (var split in splits)
            {
                header.Add($"{split} acc %");
                if (report.Records.CellsOf(split) is { } cells) header.Add($"{split} class-balanced per cell % ({cells.Cells.Count} cells)");
            }
            var table = new SummaryTable(header);
            var arms = runs.Select(r => r.Arm).Distinct().Order(StringComparer.Ordinal).ToList();
            var baselines = runs.GroupBy(r => r.Split).SelectMany(ReproductionRun.Baselines).ToHashSet();
            foreach (var (arm, round) in arms.Select(a => (a, ReproductionRun.LastRound(runs.Where(r => r.Arm == a)))).Prepend(("baseline", 0)))
            {
                var row = new List<string> { arm, round.ToString(CultureInfo.InvariantCulture) };
                foreach (var split in splits)
                {
                    var mine = report.Records.Runs.Where(r => r.Run.Split == split && (arm == "baseline" ? baselines.Contains(r.Run) : r.Run.Arm == arm))
                        .OrderBy(r => r.Run.Seed).ToList();
                    var stat = MeanStd.Of(mine.Select(r => r.Run.Rounds[round].Accuracy).ToList());
                    row.Add(stat.Format("F1", 100));
                    if (report.Records.CellsOf(split) is { } cells)
                    {
                        var interval = ClusterBootstrap.AccuracyOfCounts(cells.Index, mine.Select(r => (IReadOnlyList<int>)r.CorrectByCell[round]!).ToList())
                            .Single(i => i.Metric == CellMetric.ClassBalanced);
                        row.Add(interval.Format().Split(" (")[0]);
                    }
                }
                table.Add(row);
            }
            text.AppendLine(table.ToMarkdown());
            foreach (var family in new[] { report.OverSeeds, report.OverCells }.OfType<ComparisonFamily>())
            {
                var survivors = family.Comparisons.Where(c => c.Survives).ToList();
                text.AppendLine($"{Capitalise(family.Name)} ({family.Comparisons.Count} comparisons): "
                    + (survivors.Count == 0 ? "**none survives** Holm's correction; none is called a difference."
                        : $"**{survivors.Count} survive{(survivors.Count == 1 ? "s" : "")}** Holm's correction: "
                          + string.Join("; ", survivors.Select(c => $"{c.Name} {Signed(c.Estimate)} [{Signed(c.Low)}, {Signed(c.High)}] pp, Holm p {c.AdjustedP.ToString("F3", CultureInfo.InvariantCulture)}"))
                          + $". The other {family.Comparisons.Count - survivors.Count} are not resolved.")).AppendLine();
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// <paramref name="readme"/> with the text between the markers replaced by <paramref name="block"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The markers are missing or out of order.</exception>
    public static string Replace(string readme, string block, string source = "README.md")
    {
        ArgumentNullException.ThrowIfNull(readme);
        int begin = readme.IndexOf(Begin, StringComparison.Ordinal), end = readme.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin) throw new InvalidDataException($"{source}: no '{Begin}' ... '{End}' block to fill.");
        return readme[..(begin + Begin.Length)] + "\n" + block + readme[end..];
    }

    private static string Signed(double v) => (v >= 0 ? "+" : "") + (100 * v).ToString("F1", CultureInfo.InvariantCulture);

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
