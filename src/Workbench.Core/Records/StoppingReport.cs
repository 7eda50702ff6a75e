using System.Globalization;
using Workbench.Loop;
using Workbench.Reproductions;

namespace Workbench.Records;

/// <summary>
/// One run read against the stopping rule (<see cref="KappaStopping"/>).
/// </summary>
/// <param name="Run">The run's folder (as the runs or records name it).</param>
/// <param name="Arm">The arm (recipe, or recipe with its query strategy).</param>
/// <param name="LastRound">The last round the run reached.</param>
/// <param name="StopRound">The first round after which the rule holds; null when it never does, or cannot be told.</param>
/// <param name="RoundsSaved">Rounds after <paramref name="StopRound"/> the run went on for (0 when the rule never held).</param>
/// <param name="OracleLabelsSaved">Oracle answers those rounds used.</param>
/// <param name="AccuracyAtStop">Test accuracy after <paramref name="StopRound"/>; null without a stop.</param>
/// <param name="AccuracyAtEnd">Test accuracy after <paramref name="LastRound"/>.</param>
/// <param name="Note">Why there is no stop round, or "" when there is one.</param>
public sealed record StoppingRow(string Run, string Arm, string Split, int Seed, int LastRound, int? StopRound, int RoundsSaved,
    int OracleLabelsSaved, double? AccuracyAtStop, double AccuracyAtEnd, string Note);

/// <summary>
/// For finished runs (from their folders) or committed records (their <c>stop_set_kappa</c> column): the round after which
/// the stopping rule would have ended each run, and the rounds, oracle labels and accuracy that stopping there would have
/// saved or cost. Runs and records made before the stop set existed carry no kappa: they are listed and say so.
/// </summary>
public static class StoppingReport
{
    /// <summary>What stopping would have saved on each of <paramref name="runs"/>, in their order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A window below 1.</exception>
    public static IReadOnlyList<StoppingRow> Of(IEnumerable<ReproductionRun> runs, double threshold = KappaStopping.DefaultThreshold,
        int window = KappaStopping.DefaultWindow)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        return runs.Where(r => r.Rounds.Count > 0).Select(run =>
        {
            int last = run.Rounds.Count - 1;
            StoppingRow Row(int? stop, string note) => new(run.Directory, run.Arm, run.Split, run.Seed, last, stop,
                stop is int s ? last - s : 0, stop is int t ? run.OracleLabels(last) - run.OracleLabels(t) : 0,
                stop is int u ? run.Rounds[u].Accuracy : null, run.Rounds[last].Accuracy, note);
            var kappas = run.Rounds.Select(r => r.StopSetKappa).ToArray();
            if (last == 0) return Row(null, "round 0 only: nothing to stop");
            if (kappas.Skip(1).All(k => k is null)) return Row(null, "no stop-set kappa recorded (made before the stop set existed)");
            return KappaStopping.FirstRound(kappas, threshold, window) is int round
                ? Row(round, "")
                : Row(null, string.Create(CultureInfo.InvariantCulture, $"the rule never held (last mean kappa {Mean(kappas, window)})"));
        }).ToList();
    }

    /// <summary><see cref="Of(IEnumerable{ReproductionRun}, double, int)"/> over the runs of a records folder.</summary>
    public static IReadOnlyList<StoppingRow> Of(ReproductionRecords records, double threshold = KappaStopping.DefaultThreshold,
        int window = KappaStopping.DefaultWindow)
    {
        ArgumentNullException.ThrowIfNull(records);
        return Of(records.Runs.Select(r => r.Run), threshold, window);
    }

    /// <summary>The rows as a table (accuracies in percent; "cost" = accuracy at the end minus at the stop, in points).</summary>
    public static SummaryTable Table(IReadOnlyList<StoppingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new SummaryTable(["run", "arm", "split", "seed", "last round", "stop after round", "rounds saved", "oracle labels saved",
            "acc % at stop", "acc % at end", "cost (points)", "note"]);
        string P(double? v) => v is double x ? (x * 100).ToString("F2", CultureInfo.InvariantCulture) : "";
        foreach (var r in rows)
            table.Add([r.Run, r.Arm, r.Split, r.Seed.ToString(CultureInfo.InvariantCulture), r.LastRound.ToString(CultureInfo.InvariantCulture),
                r.StopRound?.ToString(CultureInfo.InvariantCulture) ?? "", r.RoundsSaved.ToString(CultureInfo.InvariantCulture),
                r.OracleLabelsSaved.ToString(CultureInfo.InvariantCulture), P(r.AccuracyAtStop), P(r.AccuracyAtEnd),
                r.AccuracyAtStop is double stop ? ((r.AccuracyAtEnd - stop) * 100).ToString("F2", CultureInfo.InvariantCulture) : "", r.Note]);
        return table;
    }

    private static string Mean(IReadOnlyList<double?> kappas, int window) =>
        KappaStopping.WindowMean(kappas, window) is double mean ? mean.ToString("F4", CultureInfo.InvariantCulture) : $"unknown: fewer than {window} kappas";
}
