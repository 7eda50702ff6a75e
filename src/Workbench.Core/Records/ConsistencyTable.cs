using System.Globalization;
using Workbench.Metrics;
using Workbench.Reproductions;

namespace Workbench.Records;

/// <summary>
/// For every FixMatch training (arm, round) of a reproduction: the share of unlabelled images whose weak view passed the
/// threshold and the precision of those pseudo-labels, in the first and the last epoch (mean ± std over seeds), and the
/// last epoch's precision by the class given (counts pooled over seeds). The truth behind the precision is only counted.
/// </summary>
public static class ConsistencyTable
{
    /// <summary>The table, or null when no round trained on the unlabelled pool.</summary>
    public static SummaryTable? Of(IReadOnlyList<ReproductionRun> runs, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(classNames);
        var rows = (from run in runs
                    from round in run.Rounds
                    where round.Training.Consistency is { Count: > 0 }
                    group (run, epochs: round.Training.Consistency!) by (run.Split, run.Arm, round.Round)).ToList();
        if (rows.Count == 0) return null;
        var table = new SummaryTable(["split", "strategy", "round", "n seeds", "epochs", "mask rate % (first epoch)", "mask rate % (last epoch)",
            "precision % (first epoch)", "precision % (last epoch)", .. classNames.Select(c => $"{c}: precision % (passed, last epoch)")]);
        static string Pct(double v) => (100 * v).ToString("F1", CultureInfo.InvariantCulture);
        foreach (var row in rows.OrderBy(r => r.Key.Split, StringComparer.Ordinal).ThenBy(r => r.Key.Arm, StringComparer.Ordinal).ThenBy(r => r.Key.Round))
        {
            var firsts = row.Select(x => x.epochs[0]).ToList();
            var lasts = row.Select(x => x.epochs[^1]).ToList();
            string Stat(IEnumerable<double?> values) => values.OfType<double>().ToList() is { Count: > 0 } v ? MeanStd.Of(v).Format("F1", 100) : "";
            var perClass = classNames.Select((_, c) =>
            {
                int passed = lasts.Sum(e => e.MaskedByClass[c]), checkedCount = lasts.Sum(e => e.CheckedByClass[c]);
                return checkedCount == 0 ? $"– ({passed})" : $"{Pct((double)lasts.Sum(e => e.CorrectByClass[c]) / checkedCount)} ({passed})";
            });
            table.Add([row.Key.Split, row.Key.Arm, row.Key.Round.ToString(CultureInfo.InvariantCulture), row.Count().ToString(CultureInfo.InvariantCulture),
                row.Max(x => x.epochs.Count).ToString(CultureInfo.InvariantCulture),
                Stat(firsts.Select(e => (double?)e.MaskRate)), Stat(lasts.Select(e => (double?)e.MaskRate)),
                Stat(firsts.Select(e => e.Precision)), Stat(lasts.Select(e => e.Precision)), .. perClass]);
        }
        return table;
    }
}
