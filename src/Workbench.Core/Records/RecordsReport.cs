using System.Globalization;
using System.Text;
using Workbench.Metrics;
using Workbench.Reproductions;

namespace Workbench.Records;

/// <summary>
/// A reproduction's report made from its records folder alone (no run folders, no training): the summary and paired
/// comparisons of <see cref="ReproductionReport"/>, the headline family Holm-adjusted over seeds, and for splits whose test
/// images share source cells, accuracy per image / per cell / class-balanced per cell with cluster-bootstrap intervals
/// over cells and seeds, and the headline family on cells.
/// </summary>
/// <param name="Records">What it was made from.</param>
/// <param name="Report">Summary, comparisons, tidy rows, learning curves.</param>
/// <param name="OverSeeds">The headline family, paired t over seeds, Holm-adjusted.</param>
/// <param name="OverCells">The headline family on the splits with cells (class-balanced per-cell accuracy), or null.</param>
/// <param name="Cells">Per split with cells, arm and round: the three accuracies with intervals over cells and seeds, or null.</param>
public sealed record RecordsReport(ReproductionRecords Records, ReproductionReport Report, ComparisonFamily OverSeeds,
    ComparisonFamily? OverCells, SummaryTable? Cells)
{
    /// <summary>The file the report's Markdown goes to inside the records folder.</summary>
    public const string ReportFile = "README.md";

    /// <summary>Builds the report; <paramref name="options"/> fixes the bootstrap (the default draws 10,000 times, seed 0).</summary>
    public static RecordsReport Of(ReproductionRecords records, ClusterBootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        options ??= new ClusterBootstrapOptions();
        var info = records.Info;
        var runs = records.Runs.Select(r => r.Run).ToList();
        var report = ReproductionReport.Of(info.Protocol, Enum.Parse<Config.PresetProfile>(info.Profile, ignoreCase: true), info.First, runs,
            info.ClassNames, TimeSpan.Zero, info.Cores);
        return new RecordsReport(records, report, HeadlineComparisons.OverSeeds(runs),
            HeadlineComparisons.OverCells(records, CellMetric.ClassBalanced, options), CellTable(records, options));
    }

    /// <summary>
    /// One line: protocol, profile, model, start, seeds, and what its time figures sum (a run's own header speaks of the
    /// invocation that made it, which for records that were resumed or re-read says nothing).
    /// </summary>
    public string Header
    {
        get
        {
            var runs = Records.Runs.Select(r => r.Run).ToList();
            var first = Records.Info.First;
            return $"{Records.Info.Protocol} reproduction, {Records.Info.Profile} profile ({ReproductionRun.Setting(first, runs)}, "
                + $"{first.DataSet}, init {ReproductionRun.InitialisationName(first)}), {runs.Select(r => r.Seed).Distinct().Count()} seeds: "
                + Records.Info.TimeSentence(runs);
        }
    }

    /// <summary>The headline families: over seeds, then over cells where there are cells.</summary>
    public IReadOnlyList<ComparisonFamily> Families => new[] { OverSeeds, OverCells }.OfType<ComparisonFamily>().ToList();

    /// <summary>Everything as one Markdown page.</summary>
    public string Markdown
    {
        get
        {
            var seeds = Records.Runs.Select(r => r.Run.Seed).Distinct().Count();
            var text = new StringBuilder();
            text.AppendLine($"# {Header}").AppendLine();
            text.AppendLine($"Rebuilt by `workbench report` from the records in this folder ({ReproductionRecords.RecordsFile}: one row per run and round; "
                + $"{Records.Runs.Count} runs, {seeds} seeds). Mean ± std over n seeds.").AppendLine();
            text.AppendLine(Report.Summary.ToMarkdown());
            text.AppendLine("## Headline comparisons (the stated family, Holm-adjusted)").AppendLine();
            text.AppendLine("Only a comparison that survives the adjustment is called a difference; the others are not resolved at "
                + $"n = {seeds}.").AppendLine();
            if (Families.Any(f => f.Comparisons.Count > 0))
                text.AppendLine($"![Headline comparisons: estimate and 95% interval per comparison; filled diamonds survive Holm]({ComparisonForest.FileName})").AppendLine();
            text.AppendLine(OverSeeds.ToMarkdown());
            if (OverCells is { } cells) text.AppendLine(cells.ToMarkdown());
            if (Cells is { } table)
            {
                text.AppendLine("## Per test cell").AppendLine();
                text.AppendLine(string.Join(" ", Records.Cells.Select(c =>
                    $"Split `{c.Split}`: {c.Index.ImageCount} test images of {c.Cells.Count} source cells ({string.Join(", ", Records.Info.ClassNames.Select((n, k) => $"{n} {c.Index.CellsPerClass.ElementAtOrDefault(k)}"))}).")))
                    .AppendLine(" Intervals: cluster bootstrap over cells (within class) and seeds, 95% percentile.").AppendLine();
                text.AppendLine(table.ToMarkdown());
            }
            text.AppendLine("## All paired comparisons (95% t intervals, unadjusted; * = excludes 0)").AppendLine();
            text.AppendLine(Report.Comparison.ToMarkdown());
            if (Report.AddedByClass is { } added) text.AppendLine($"## Samples added per round and class (first seed)\n\n{added.ToMarkdown()}");
            if (ConsistencyTable.Of(Records.Runs.Select(r => r.Run).ToList(), Records.Info.ClassNames) is { } fixmatch)
                text.AppendLine("## FixMatch: what the threshold let through\n\nShare of the unlabelled images drawn in an epoch whose weak view "
                    + "passed the threshold (mask rate) and how many of those pseudo-labels were right (their truth is counted, never trained on); "
                    + $"by class: precision of the pseudo-labels given that class (images passed, pooled over seeds).\n\n{fixmatch.ToMarkdown()}");
            return text.ToString();
        }
    }

    /// <summary>
    /// Writes what <see cref="ReproductionReport.WriteTo"/> writes (summary, tidy rows, learning curves, additions), then
    /// README.md (this report), comparisons.csv (the families), comparisons-forest.svg (the same as a forest plot) and
    /// cells-summary.csv into <paramref name="folder"/>.
    /// </summary>
    public IReadOnlyList<string> WriteTo(string folder)
    {
        var written = Report.WriteTo(folder).ToList();
        void Write(string name, string text)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            written.Add(path);
        }
        Write(ReportFile, Markdown);
        Write("comparisons.csv", FamilyCsv(Families));
        if (Families.Any(f => f.Comparisons.Count > 0))
        {
            var forest = Path.Combine(folder, ComparisonForest.FileName);
            ComparisonForest.Of(Families, Records.Runs.Select(r => r.Run).ToList()).Save(forest);
            written.Add(forest);
        }
        if (Cells is { } cells) Write("cells-summary.csv", cells.ToCsv());
        if (ConsistencyTable.Of(Records.Runs.Select(r => r.Run).ToList(), Records.Info.ClassNames) is { } fixmatch)
            Write("fixmatch-pseudo-labels.csv", fixmatch.ToCsv());
        return written;
    }

    private static string FamilyCsv(IEnumerable<ComparisonFamily> families)
    {
        var table = new SummaryTable(["family", "comparison", "estimate", "low", "high", "p", "holm_p", "survives"]);
        foreach (var family in families)
            foreach (var c in family.Comparisons)
                table.Add([family.Name, c.Name, CsvText.Number(c.Estimate), CsvText.Number(c.Low), CsvText.Number(c.High), CsvText.Number(c.P),
                    CsvText.Number(c.AdjustedP), c.Survives ? "yes" : "no"]);
        return table.ToCsv();
    }

    // Baseline (round 0, once per seed) and every arm's last round, on each split with cells.
    private static SummaryTable? CellTable(ReproductionRecords records, ClusterBootstrapOptions options)
    {
        if (records.Cells.Count == 0) return null;
        var table = new SummaryTable(["split", "strategy", "round", "n seeds", "cells", "acc per image %", "acc per cell %", "class-balanced per cell %"]);
        foreach (var split in records.Runs.GroupBy(r => r.Run.Split))
        {
            if (records.CellsOf(split.Key) is not { } cells) continue;
            void Add(string arm, int round, IReadOnlyList<RecordedRun> runs)
            {
                var counts = runs.OrderBy(r => r.Run.Seed).Select(r => (IReadOnlyList<int>)r.CorrectByCell[round]!).ToList();
                var intervals = ClusterBootstrap.AccuracyOfCounts(cells.Index, counts, options);
                string F(CellMetric m) => intervals.Single(i => i.Metric == m) is var i
                    ? $"{Pct(i.Estimate)} [{Pct(i.Low)}, {Pct(i.High)}]" : "";
                table.Add([split.Key, arm, round.ToString(CultureInfo.InvariantCulture), counts.Count.ToString(CultureInfo.InvariantCulture),
                    cells.Cells.Count.ToString(CultureInfo.InvariantCulture), F(CellMetric.PerImage), F(CellMetric.PerCell), F(CellMetric.ClassBalanced)]);
            }
            var baselines = ReproductionRun.Baselines(split.Select(r => r.Run)).ToHashSet();
            Add("baseline", 0, split.Where(r => baselines.Contains(r.Run)).ToList());
            foreach (var arm in split.GroupBy(r => r.Run.Arm).OrderBy(g => g.Key, StringComparer.Ordinal))
                Add(arm.Key, ReproductionRun.LastRound(arm.Select(r => r.Run)), arm.ToList());
        }
        return table;
    }

    private static string Pct(double v) => (100 * v).ToString("F1", CultureInfo.InvariantCulture);
}
