using Microsoft.Data.Analysis;
using Workbench.Config;
using Workbench.Loop;
using Workbench.Metrics;
using Workbench.Runs;

namespace Workbench.Reports;

/// <summary>
/// Tables of rounds for notebooks: <see cref="FromRuns"/> gives one row per (run, round) and
/// <see cref="Summarise"/> the mean ± sample std over runs (seeds) for each recipe, split and round.
/// A DataFrame shows as an HTML table with display().
/// </summary>
public static class RoundFrames
{
    /// <summary>The grouping columns of <see cref="Summarise"/>.</summary>
    public static readonly IReadOnlyList<string> GroupColumns = ["Recipe", "Split", "Round"];

    /// <summary>One row per round of each run folder (read with <see cref="RunStore.ReadRounds"/>).</summary>
    public static DataFrame FromRuns(IEnumerable<string> runFolders)
    {
        ArgumentNullException.ThrowIfNull(runFolders);
        var rows = new List<Row>();
        foreach (string folder in runFolders)
        {
            if (!RunStore.IsRun(folder)) throw new ArgumentException($"'{folder}' is not a run folder (no config.json)", nameof(runFolders));
            var store = RunStore.OpenExisting(folder);
            rows.AddRange(Rows(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), store.Config, store.ReadRounds()));
        }
        return ToFrame(rows);
    }

    /// <summary>One row per round of one run, for rounds already in memory (e.g. what Experiment.Run returned).</summary>
    public static DataFrame FromRounds(string run, ExperimentConfig config, IEnumerable<RoundResult> rounds)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(rounds);
        return ToFrame(Rows(run, config, rounds).ToList());
    }

    /// <summary>Mean ± std over runs of each metric, per recipe, split and round (rows of <see cref="FromRuns"/>).</summary>
    public static DataFrame Summarise(DataFrame rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var missing = GroupColumns.Concat(["Accuracy", "MacroF1", "Labelled", "TrainingSize", "PseudoLabelPrecision"])
            .Where(c => !rounds.Columns.Any(col => col.Name == c)).ToArray();
        if (missing.Length > 0) throw new ArgumentException($"rounds lacks the column(s) {string.Join(", ", missing)}; pass what FromRuns returns", nameof(rounds));
        var groups = rounds.Rows
            .GroupBy(r => (Recipe: (string)r["Recipe"], Split: (string)r["Split"], Round: (int)r["Round"]))
            .OrderBy(g => g.Key.Recipe, StringComparer.Ordinal).ThenBy(g => g.Key.Split, StringComparer.Ordinal).ThenBy(g => g.Key.Round)
            .ToList();
        MeanStd Of(IEnumerable<DataFrameRow> rows, string column) => MeanStd.Of(rows.Select(r => Convert.ToDouble(r[column])));
        var precision = groups.Select(g => g.Where(r => r["PseudoLabelPrecision"] is not null).ToList()).ToList();
        return new DataFrame(
            new StringDataFrameColumn("Recipe", groups.Select(g => g.Key.Recipe)),
            new StringDataFrameColumn("Split", groups.Select(g => g.Key.Split)),
            new PrimitiveDataFrameColumn<int>("Round", groups.Select(g => g.Key.Round)),
            new PrimitiveDataFrameColumn<int>("Runs", groups.Select(g => g.Count())),
            new PrimitiveDataFrameColumn<double>("AccuracyMean", groups.Select(g => Of(g, "Accuracy").Mean)),
            new PrimitiveDataFrameColumn<double>("AccuracyStd", groups.Select(g => Of(g, "Accuracy").Std)),
            new PrimitiveDataFrameColumn<double>("MacroF1Mean", groups.Select(g => Of(g, "MacroF1").Mean)),
            new PrimitiveDataFrameColumn<double>("MacroF1Std", groups.Select(g => Of(g, "MacroF1").Std)),
            new PrimitiveDataFrameColumn<double>("LabelledMean", groups.Select(g => Of(g, "Labelled").Mean)),
            new PrimitiveDataFrameColumn<double>("TrainingSizeMean", groups.Select(g => Of(g, "TrainingSize").Mean)),
            // Rounds that added no pseudo-labels have no precision; they are left out, not counted as 0.
            new PrimitiveDataFrameColumn<double>("PseudoLabelPrecisionMean", precision.Select(p => p.Count == 0 ? (double?)null : Of(p, "PseudoLabelPrecision").Mean)));
    }

    private sealed record Row(string Run, string Recipe, string Split, int Seed, int Round, double Accuracy, double MacroF1,
        int Labelled, int TrainingSize, double? PseudoLabelPrecision);

    private static IEnumerable<Row> Rows(string run, ExperimentConfig config, IEnumerable<RoundResult> rounds) =>
        rounds.Select(r => new Row(run, config.Recipe, config.Split, config.Seed, r.Round, r.Accuracy, r.MacroF1,
            r.Labelled.Counts.Total, r.Training.Size, r.Labelled.PseudoLabelPrecision));

    private static DataFrame ToFrame(IReadOnlyList<Row> rows) => new(
        new StringDataFrameColumn("Run", rows.Select(r => r.Run)),
        new StringDataFrameColumn("Recipe", rows.Select(r => r.Recipe)),
        new StringDataFrameColumn("Split", rows.Select(r => r.Split)),
        new PrimitiveDataFrameColumn<int>("Seed", rows.Select(r => r.Seed)),
        new PrimitiveDataFrameColumn<int>("Round", rows.Select(r => r.Round)),
        new PrimitiveDataFrameColumn<double>("Accuracy", rows.Select(r => r.Accuracy)),
        new PrimitiveDataFrameColumn<double>("MacroF1", rows.Select(r => r.MacroF1)),
        new PrimitiveDataFrameColumn<int>("Labelled", rows.Select(r => r.Labelled)),
        new PrimitiveDataFrameColumn<int>("TrainingSize", rows.Select(r => r.TrainingSize)),
        new PrimitiveDataFrameColumn<double>("PseudoLabelPrecision", rows.Select(r => r.PseudoLabelPrecision)));
}
