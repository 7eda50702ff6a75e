using Workbench.Config;
using Workbench.Display;
using Workbench.Metrics;

namespace Workbench.Reproductions;

/// <summary>
/// What a <see cref="Reproduction"/> found, built from its finished runs: the summary next to the published numbers, the
/// paired comparisons, the tidy rows (one per run and round), the learning curves (poster) and the samples added per round
/// and class (bone marrow). <see cref="WriteTo"/> writes them as files.
/// </summary>
/// <param name="Protocol">"poster" or "bone-marrow".</param>
/// <param name="Profile">"quick" or "full".</param>
/// <param name="Header">One line: protocol, profile, model, start, seeds, time.</param>
/// <param name="Runs">The finished runs.</param>
/// <param name="Summary">Mean ± std per arm and round, next to the published numbers.</param>
/// <param name="Comparison">Paired comparisons (95% t intervals).</param>
/// <param name="Tidy">One row per (split, strategy, round).</param>
/// <param name="LearningCurves">Per split: accuracy by oracle labels used (poster; empty for bone marrow).</param>
/// <param name="AddedByClass">Samples added per round and class, first seed (bone marrow; null for the poster).</param>
public sealed record ReproductionReport(string Protocol, string Profile, string Header, IReadOnlyList<ReproductionRun> Runs,
    SummaryTable Summary, SummaryTable Comparison, IReadOnlyList<TidyRow> Tidy,
    IReadOnlyList<(string Split, LearningCurveChart Chart)> LearningCurves, SummaryTable? AddedByClass)
{
    /// <summary>Summary and paired comparisons as one Markdown page (summary.md).</summary>
    public string Markdown => $"# {Header}\n\n{Summary.ToMarkdown()}\n## Paired comparisons (95% t intervals; * = the interval excludes 0)\n\n"
        + $"{Comparison.ToMarkdown()}";

    /// <summary>The additions by class as a Markdown page (added-by-class.md), or null.</summary>
    public string? AddedByClassMarkdown => AddedByClass is null ? null
        : $"# Samples added per round and class, seed {Runs.Min(r => r.Seed)} of each strategy ({Header})\n\n{AddedByClass.ToMarkdown()}";

    /// <summary>The report of <paramref name="runs"/> made from configs like <paramref name="first"/>.</summary>
    public static ReproductionReport Of(string protocol, PresetProfile profile, ExperimentConfig first, IReadOnlyList<ReproductionRun> runs,
        IReadOnlyList<string> classNames, TimeSpan wall, int? cores = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(runs);
        string profileName = profile.ToString().ToLowerInvariant();
        string init = ReproductionRun.InitialisationName(first);
        int seeds = runs.Select(r => r.Seed).Distinct().Count();
        bool poster = protocol == "poster";
        // The poster measured BCCD: its numbers go next to BCCD runs only, and another data set is named in the header.
        bool home = !poster || first.DataSet == PosterReproduction.HomeDataSet;
        var header = $"{protocol} reproduction{(home ? "" : $" on {first.DataSet}")}, {profile} profile ({ReproductionRun.Setting(first, runs)}, init {init}), " +
                     $"{seeds} seed(s), {cores ?? Environment.ProcessorCount} cores: {wall.TotalMinutes:F1} min wall for this invocation, " +
                     $"{runs.Sum(r => r.Rounds.Sum(x => x.Seconds.Total)) / 60:F1} min summed over all rounds (resumed runs included)";
        return new ReproductionReport(protocol, profileName, header, runs,
            poster ? PosterReproduction.Summarise(runs, published: home) : BoneMarrowReproduction.Summarise(runs, classNames),
            ArmComparison.Table(runs), TidyResults.Rows(protocol, profileName, runs),
            poster ? Curves(runs, $"{profileName}, init {init}", home ? null : first.DataSet) : [],
            poster ? null : BoneMarrowReproduction.AddedByClass(runs, classNames));
    }

    /// <summary>
    /// Writes the report into <paramref name="folder"/>: summary.csv, summary.md, tidy.csv, added-by-class.csv and .md (bone
    /// marrow) and &lt;split&gt;-learning-curves.svg (poster). Returns the paths written.
    /// </summary>
    public IReadOnlyList<string> WriteTo(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Write(string name, string text)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            written.Add(path);
        }
        if (AddedByClass is not null)
        {
            Write("added-by-class.csv", AddedByClass.ToCsv());
            Write("added-by-class.md", AddedByClassMarkdown!);
        }
        Write("summary.csv", Summary.ToCsv());
        Write("summary.md", Markdown);
        Write("tidy.csv", TidyResults.ToCsv(Tidy));
        foreach (var (split, chart) in LearningCurves)
        {
            var path = Path.Combine(folder, $"{split}-learning-curves.svg");
            chart.Save(path);
            written.Add(path);
        }
        return written;
    }

    /// <summary>Summary, additions by class and comparisons as plain text for a terminal.</summary>
    public string ToText() => $"{Header}\n{Summary.ToText()}\n{Comparison.ToText()}";

    /// <param name="otherDataSet">null for BCCD, the poster's data set; else the data set, named in the title, with no published points.</param>
    private static List<(string, LearningCurveChart)> Curves(IReadOnlyList<ReproductionRun> runs, string setting, string? otherDataSet) =>
        runs.Select(r => r.Split).Distinct().Select(split =>
        {
            var series = runs.Where(r => r.Split == split).GroupBy(r => r.Arm).Select(arm =>
            {
                var mine = arm.ToList();
                int rounds = mine.Min(r => r.Rounds.Count);
                // x = oracle labels used so far (mean over seeds): strategies compare by what they cost the expert.
                var points = Enumerable.Range(0, rounds).Select(round =>
                {
                    var stat = MeanStd.Of(mine.Select(r => r.Rounds[round].Accuracy));
                    return new LearningCurvePoint(mine.Average(r => r.OracleLabels(round)), stat.Mean, stat.Std);
                }).ToList();
                // The poster measured on its random 50/50 split only: draw its numbers on that split alone.
                IReadOnlyList<LearningCurvePoint>? published = otherDataSet is null && split == "paper" && PublishedResults.Poster.TryGetValue(arm.Key, out var values)
                    ? values.Select(p => new LearningCurvePoint(points[Math.Min(p.Key, points.Count - 1)].X, p.Value.Mean / 100, 0))
                        .Prepend(new LearningCurvePoint(points[0].X, PublishedResults.Poster["baseline"][0].Mean / 100, 0)).ToList()
                    : null;
                return new LearningCurveSeries($"{arm.Key} (n = {mine.Count})", points, published);
            }).ToList();
            return (split, new LearningCurveChart(series, $"Poster protocol, {(otherDataSet is null ? "" : otherDataSet + " ")}{split} split ({setting}): accuracy by oracle labels used",
                "Oracle labels used (mean over seeds); band = ±1 std over n seeds", "Test accuracy"));
        }).ToList();
}
