using Workbench.Display;
using Workbench.Reproductions;
using Workbench.Loop;
using Workbench.Runs;

namespace Workbench.Reports;

/// <summary>
/// Charts built straight from round results and runs: where the labelled set came from (by round or by class), what
/// each round added, learning curves with mean ± std bands, and additions per class side by side.
/// </summary>
public static class Charts
{
    /// <summary>Provenance names (as in the run files) in stacking order: initial at the bottom.</summary>
    public static IReadOnlyList<string> ProvenanceNames { get; } = Enum.GetValues<Provenance>().Select(AddedSamplesCsv.ProvenanceName).ToArray();

    /// <summary>The labelled set after each round, one bar per round stacked by provenance.</summary>
    public static ClassBalanceChart ClassBalance(IReadOnlyList<RoundResult> results, string title = "Labelled set after each round, by provenance")
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("at least one round is needed", nameof(results));
        return Stacked(results.Select(r => ($"round {r.Round}", r.Labelled.Counts)), title, "Round");
    }

    /// <summary>What each round after round 0 added, one bar per round stacked by provenance.</summary>
    public static ClassBalanceChart Additions(IReadOnlyList<RoundResult> results, string title = "Samples added per round, by provenance")
    {
        ArgumentNullException.ThrowIfNull(results);
        var rounds = results.Where(r => r.Round > 0).ToList();
        if (rounds.Count == 0) throw new ArgumentException("no round after round 0", nameof(results));
        return Stacked(rounds.Select(r => ($"round {r.Round}", r.Labelled.Added)), title, "Round");
    }

    /// <summary>One labelled set (or one round's additions) per class, stacked by provenance: the class imbalance.</summary>
    public static ClassBalanceChart ClassBalanceByClass(ProvenanceCounts counts, IReadOnlyList<string> classNames, string title = "Labelled set per class, by provenance")
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count != counts.Initial.Length)
            throw new ArgumentException($"{classNames.Count} class names for counts of {counts.Initial.Length} classes", nameof(classNames));
        var entries = new List<ClassBalanceEntry>();
        for (int c = 0; c < classNames.Count; c++)
            foreach (var provenance in Enum.GetValues<Provenance>())
                entries.Add(new ClassBalanceEntry(classNames[c], AddedSamplesCsv.ProvenanceName(provenance), counts.For(provenance)[c]));
        return Chart(entries, title, "Class");
    }

    /// <summary>
    /// Mean ± std of <paramref name="metric"/> (default: accuracy) per round, one line per <paramref name="seriesOf"/>
    /// (default: strategy) over its runs; <paramref name="reference"/> may add dashed published points per series.
    /// </summary>
    public static LearningCurveChart LearningCurves(IEnumerable<ReproductionRun> runs, Func<ReproductionRun, string>? seriesOf = null,
        Func<RoundResult, double>? metric = null, string title = "Test accuracy by round (mean ± std over seeds)", string yAxisLabel = "Test accuracy",
        Func<string, IReadOnlyList<LearningCurvePoint>?>? reference = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        seriesOf ??= r => r.Recipe;
        var series = runs.Where(r => r.Rounds.Count > 0).GroupBy(seriesOf)
            .Select(g => new LearningCurveSeries(g.Key, RoundStatistics.MeanByRound(g.Select(r => r.Rounds), metric), reference?.Invoke(g.Key)))
            .ToList();
        if (series.Count == 0) throw new ArgumentException("no run has a finished round", nameof(runs));
        return new LearningCurveChart(series, title, "Round", yAxisLabel);
    }

    /// <summary>The poster's published accuracy of <paramref name="strategy"/> by round as fractions (round 0 = the published baseline); null when it has none.</summary>
    public static IReadOnlyList<LearningCurvePoint>? PosterReference(string strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (!PublishedResults.Poster.TryGetValue(strategy, out var byRound)) return null;
        var baseline = PublishedResults.Poster["baseline"][0];
        return byRound.Append(new KeyValuePair<int, PublishedValue>(0, baseline)).DistinctBy(p => p.Key).OrderBy(p => p.Key)
            .Select(p => new LearningCurvePoint(p.Key, p.Value.Mean / 100, (p.Value.Std ?? 0) / 100)).ToArray();
    }

    /// <summary>Grouped bars: per class, one bar per series (e.g. samples added by each strategy).</summary>
    public static GroupedBarChart ByClass(IReadOnlyList<string> classNames, IEnumerable<(string Name, IReadOnlyList<double> Values)> series,
        string title = "Samples added per class", string valueAxisLabel = "Samples")
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(series);
        return new GroupedBarChart(classNames, series.Select(s => new BarSeries(s.Name, s.Values)).ToArray(), title, valueAxisLabel, "0.#");
    }

    private static ClassBalanceChart Stacked(IEnumerable<(string Group, ProvenanceCounts Counts)> groups, string title, string axis)
    {
        var entries = new List<ClassBalanceEntry>();
        foreach (var (group, counts) in groups)
            foreach (var provenance in Enum.GetValues<Provenance>())
                entries.Add(new ClassBalanceEntry(group, AddedSamplesCsv.ProvenanceName(provenance), counts.TotalOf(provenance)));
        return Chart(entries, title, axis);
    }

    private static ClassBalanceChart Chart(List<ClassBalanceEntry> entries, string title, string axis)
    {
        // Provenances that never occur would only clutter the legend.
        var used = entries.Where(e => e.Count > 0).Select(e => e.Category).ToHashSet();
        if (used.Count == 0) used.Add(ProvenanceNames[0]);
        var kept = entries.Where(e => used.Contains(e.Category)).ToList();
        return new ClassBalanceChart(kept, title, axis, "Samples", ProvenanceNames.Where(used.Contains).ToArray());
    }
}
