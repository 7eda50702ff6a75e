using System.Globalization;
using Workbench.Data;
using Workbench.Display;
using Workbench.Reproductions;
using Workbench.Loop;
using Workbench.Metrics;

namespace Workbench.Reports;

/// <summary>HTML tables for notebooks: per-class metrics, one row per round, class counts per split, matrices, summaries.</summary>
public static class Tables
{
    /// <summary>Precision, recall, F1 and support per class of one round, with the samples trained on per class.</summary>
    public static HtmlTable PerClass(RoundResult round, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        var rows = round.Test.PerClass.Select((m, c) => Row(m, c < round.Training.ByClass.Length ? Count(round.Training.ByClass[c]) : "")).ToList();
        rows.Add(["accuracy / macro-F1", "", Percent(round.Accuracy), Percent(round.MacroF1), Count(round.Test.PerClass.Sum(m => m.Support)), Count(round.Training.Size)]);
        return new HtmlTable(["class", "precision", "recall", "F1", "support", "trained on"], rows, caption ?? $"Round {round.Round}: test metrics per class");
    }

    /// <summary>Precision, recall, F1 and support per class of a report.</summary>
    public static HtmlTable PerClass(ClassificationReport report, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.PerClass.Select(m => Row(m, null)).ToList();
        rows.Add(["accuracy / macro-F1", "", Percent(report.Accuracy), Percent(report.MacroF1), Count(report.Confusion.Total)]);
        return new HtmlTable(["class", "precision", "recall", "F1", "support"], rows, caption ?? "Test metrics per class");
    }

    /// <summary>
    /// One row per round: accuracy, macro-F1, labelled set, what was added by provenance, pseudo-label precision, CST
    /// review, time. Columns of kinds of additions no round made (e.g. CST in a poster run) are left out. Committed notebooks
    /// pass <paramref name="seconds"/> false: time is the machine's, not the reader's, and changes with every execution.
    /// </summary>
    public static HtmlTable Rounds(IReadOnlyList<RoundResult> results, string? caption = null, bool seconds = true)
    {
        ArgumentNullException.ThrowIfNull(results);
        string[] headers = ["round", "accuracy", "macro-F1", "labelled", "trained on", "+pseudo", "+CST confirmed", "+CST corrected",
            "rejected", "+AL", "pseudo precision", "seconds"];
        var rows = results.Select(r => (IReadOnlyList<string>)
        [
            r.Round.ToString(CultureInfo.InvariantCulture), Percent(r.Accuracy), Percent(r.MacroF1), Count(r.Labelled.Counts.Total),
            Count(r.Training.Size), Count(r.Labelled.Added.TotalOf(Provenance.PseudoLabel)),
            Count(r.Labelled.Added.TotalOf(Provenance.CstConfirmed)), Count(r.Labelled.Added.TotalOf(Provenance.CstCorrected)), Count(r.Labelled.Rejected),
            Count(r.Labelled.Added.TotalOf(Provenance.ActiveLearning)), r.Labelled.PseudoLabelPrecision is { } p ? Percent(p) : "–",
            DisplayFormat.Number(r.Seconds.Total, 1),
        ]).ToList();
        // Columns 5..10 describe additions; an all-empty one says nothing.
        var keep = Enumerable.Range(0, headers.Length)
            .Where(c => c < 5 || (c > 10 ? seconds || c < headers.Length - 1 : rows.Any(row => row[c] is not ("0" or "–")))).ToArray();
        return new HtmlTable(keep.Select(c => headers[c]).ToArray(),
            rows.Select(row => (IReadOnlyList<string>)keep.Select(c => row[c]).ToArray()).ToList(), caption ?? "Rounds");
    }

    /// <summary>Images per class in each named part (e.g. the sides of a split), with totals.</summary>
    public static HtmlTable ClassCounts(DataSet data, IReadOnlyDictionary<string, IReadOnlyList<int>> parts, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("at least one part is needed", nameof(parts));
        var counts = parts.ToDictionary(p => p.Key, p => data.CountsPerClass(p.Value));
        var rows = data.ClassNames.Select((name, c) => (IReadOnlyList<string>)
            [name, .. parts.Keys.Select(k => Count(counts[k][c])), Count(parts.Keys.Sum(k => counts[k][c]))]).ToList();
        rows.Add(["total", .. parts.Keys.Select(k => Count(counts[k].Sum())), Count(counts.Values.Sum(a => a.Sum()))]);
        return new HtmlTable(["class", .. parts.Keys, "total"], rows, caption ?? $"{data.Name}: images per class");
    }

    /// <summary>
    /// A confusion matrix (rows: truth, columns: prediction) as counts or row fractions, diagonal highlighted; optionally
    /// only the <paramref name="classes"/> named (a sub-matrix, e.g. the neutrophil series).
    /// </summary>
    public static HtmlTable Matrix(int[,] counts, IReadOnlyList<string> classNames, bool normaliseRows = false, IReadOnlyList<string>? classes = null,
        string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        if (counts.GetLength(0) != classNames.Count)
            throw new ArgumentException($"{classNames.Count} class names for a {counts.GetLength(0)}-class matrix", nameof(classNames));
        var indices = classes is null ? Enumerable.Range(0, classNames.Count).ToArray() : ConfusionAnalysis.IndicesOf(classNames, classes);
        var rates = ConfusionAnalysis.RowNormalised(counts);
        var rows = indices.Select(t => (IReadOnlyList<string>)
            [classNames[t], .. indices.Select(p => normaliseRows ? DisplayFormat.Number(rates[t, p], 3) : Count(counts[t, p]))]).ToList();
        var table = new HtmlTable(["true \\ predicted", .. indices.Select(i => classNames[i])], rows,
            caption ?? (normaliseRows ? "Confusion matrix, row-normalised (recall on the diagonal)" : "Confusion matrix (counts)"));
        for (int i = 0; i < indices.Length; i++) table = table.WithHighlight(i, i + 1);
        return table;
    }

    /// <summary>A reproduction's <see cref="SummaryTable"/> as an HTML table.</summary>
    public static HtmlTable FromSummary(SummaryTable summary, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new HtmlTable(summary.Header, summary.Rows, caption);
    }

    private static IReadOnlyList<string> Row(ClassMetrics m, string? trainedOn)
    {
        var row = new List<string> { m.Name, DisplayFormat.Number(m.Precision, 3), DisplayFormat.Number(m.Recall, 3), DisplayFormat.Number(m.F1, 3), Count(m.Support) };
        if (trainedOn is not null) row.Add(trainedOn);
        return row;
    }

    private static string Percent(double fraction) => DisplayFormat.Percent(fraction, 2);

    private static string Count(long value) => DisplayFormat.Count(value);
}
