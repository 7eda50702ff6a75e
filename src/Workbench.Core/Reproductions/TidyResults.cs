using System.Globalization;
using Workbench.Loop;
using Workbench.Metrics;

namespace Workbench.Reproductions;

/// <summary>One row of the tidy results: the mean over seeds of one arm's round on one split.</summary>
public sealed record TidyRow(string Protocol, string Profile, string Init, string Split, string Strategy, int Round, int N,
    double AccMean, double AccStd, double F1Mean, double F1Std, double LabelledMean, double OracleLabelsMean,
    double PseudoLabelsMean, double? PseudoPrecisionMean);

/// <summary>
/// Builds the tidy table from finished runs. The baseline is round 0, counted once per (split, seed): every arm of a seed
/// starts from the same labels and weights, so pooling their round 0s would count one measurement several times.
/// </summary>
public static class TidyResults
{
    /// <summary>The CSV header, snake_case as in the issue tracker and the notebooks.</summary>
    public static readonly string[] Header =
    [
        "protocol", "profile", "init", "split", "strategy", "round", "n", "acc_mean", "acc_std", "f1_mean", "f1_std",
        "labelled_mean", "oracle_labels_mean", "pseudo_labels_mean", "pseudo_precision_mean",
    ];

    /// <summary>Rows: the baseline (round 0, one value per split and seed), then every arm's rounds 1..n.</summary>
    public static IReadOnlyList<TidyRow> Rows(string protocol, string profile, IReadOnlyList<ReproductionRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var rows = new List<TidyRow>();
        foreach (var group in runs.GroupBy(r => (r.Initialisation, r.Split)))
        {
            rows.Add(Row(protocol, profile, group.Key, "baseline", 0, ReproductionRun.Baselines(group)));
            foreach (var arm in group.GroupBy(r => r.Arm))
            {
                int last = arm.Max(r => r.Rounds.Count - 1);
                // An arm whose round 0 is its own (FixMatch trains on the pool from the start) has a row for it.
                for (int round = arm.All(r => r.SharesBaseline) ? 1 : 0; round <= last; round++)
                    rows.Add(Row(protocol, profile, group.Key, arm.Key, round, arm.Where(r => r.Rounds.Count > round).ToList()));
            }
        }
        return rows;
    }

    /// <summary>The rows as CSV (invariant culture, empty cell for a missing precision).</summary>
    public static string ToCsv(IEnumerable<TidyRow> rows)
    {
        var table = new SummaryTable(Header);
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        foreach (var r in rows)
            table.Add([r.Protocol, r.Profile, r.Init, r.Split, r.Strategy, r.Round.ToString(CultureInfo.InvariantCulture),
                r.N.ToString(CultureInfo.InvariantCulture), F(r.AccMean), F(r.AccStd), F(r.F1Mean), F(r.F1Std), F(r.LabelledMean),
                F(r.OracleLabelsMean), F(r.PseudoLabelsMean), r.PseudoPrecisionMean is { } p ? F(p) : ""]);
        return table.ToCsv();
    }

    private static TidyRow Row(string protocol, string profile, (string Init, string Split) key, string arm, int round,
        IReadOnlyList<ReproductionRun> runs)
    {
        var results = runs.Select(r => r.Rounds[round]).ToList();
        var none = new MeanStd(double.NaN, double.NaN, 0);
        var accuracy = results.Count == 0 ? none : MeanStd.Of(results.Select(r => r.Accuracy));
        var f1 = results.Count == 0 ? none : MeanStd.Of(results.Select(r => r.MacroF1));
        var precision = results.Where(r => r.Labelled.PseudoLabelPrecision.HasValue).Select(r => r.Labelled.PseudoLabelPrecision!.Value).ToList();
        return new TidyRow(protocol, profile, key.Init, key.Split, arm, round, results.Count, accuracy.Mean, accuracy.Std, f1.Mean, f1.Std,
            Mean(results.Select(r => (double)r.Labelled.Counts.Total)),
            Mean(runs.Select(r => (double)r.OracleLabels(round))),
            Mean(results.Select(r => (double)r.Labelled.Counts.TotalOf(Provenance.PseudoLabel))),
            precision.Count == 0 ? null : precision.Average());
    }

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? double.NaN : list.Average();
    }
}
