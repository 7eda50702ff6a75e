using Workbench.Loop;
using Workbench.Metrics;
using Workbench.Reproductions;
using static Workbench.Records.CsvText;

namespace Workbench.Records;

/// <summary>One run of a reproduction as read back from its records, with the correct test images per cell of each round.</summary>
/// <param name="Run">The run, its rounds rebuilt field for field (test predictions aside).</param>
/// <param name="CorrectByCell">Per round: correct test images per cell of the split's <see cref="TestCells"/>, or null without a cell index.</param>
public sealed record RecordedRun(ReproductionRun Run, IReadOnlyList<int[]?> CorrectByCell);

/// <summary>
/// records.csv: one row per round of every run. The first columns are what a reader looks for (identity, accuracy,
/// macro-F1, per-class recall and precision, labelled / oracle / pseudo-label counts, pseudo-label precision, seconds per
/// phase); the rest keep the round complete (confusion matrix, counts by provenance and class, training), so that every
/// table of the reproduction is rebuilt from this file alone, digit for digit.
/// </summary>
public static class RoundRecords
{
    private static readonly string[] Provenances = ["initial", "pseudo_label", "cst_confirmed", "cst_corrected", "active_learning"];

    /// <summary>The header for <paramref name="classNames"/>.</summary>
    public static IReadOnlyList<string> Header(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return [
            "split", "strategy", "recipe", "query", "seed", "round", "init", "accuracy", "macro_f1", "validation_accuracy",
            "per_cell_accuracy", "class_balanced_cell_accuracy", "cells",
            .. classNames.Select(c => $"recall_{c}"), .. classNames.Select(c => $"precision_{c}"),
            "labelled", "oracle_labels", "pseudo_labels", "pseudo_label_precision", "cst_confirmed", "cst_corrected", "rejected",
            "seconds_predict", "seconds_select", "seconds_label", "seconds_train", "seconds_evaluate", "seconds_total",
            "confusion", .. Provenances.Select(p => $"labelled_{p}"), .. Provenances.Select(p => $"added_{p}"),
            "wrong_pseudo_labels_by_class", "training_size", "training_by_class", "class_weights", "steps", "final_loss",
            "pool_size", "candidates", "run", "correct_by_cell", "fixmatch_mask_rate", "fixmatch_precision", "fixmatch_epochs",
            "stop_set_kappa",
        ];
    }

    /// <summary>
    /// The CSV of <paramref name="runs"/>; <paramref name="cells"/> gives a split's test cells (null: none known), whose
    /// per-cell counts come from each round's stored test predictions; <paramref name="runFolder"/> makes run paths relative.
    /// </summary>
    /// <exception cref="InvalidDataException">A round of a split with cells has no stored test predictions, or another number of them.</exception>
    public static string Write(IReadOnlyList<ReproductionRun> runs, IReadOnlyList<string> classNames, Func<ReproductionRun, TestCells?> cells,
        string runFolder)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(cells);
        var lines = new List<string> { Line(Header(classNames)) };
        foreach (var run in runs)
        {
            var index = cells(run);
            for (int r = 0; r < run.Rounds.Count; r++)
            {
                var round = run.Rounds[r];
                int[]? correct = index?.CorrectByCell(round, $"{run.Directory} round {r}");
                lines.Add(Line(Row(run, r, round, correct, index, Path.GetRelativePath(runFolder, run.Directory).Replace('\\', '/'))));
            }
        }
        return string.Join("\n", lines) + "\n";
    }

    private static IEnumerable<string> Row(ReproductionRun run, int r, RoundResult round, int[]? correct, TestCells? cells, string directory)
    {
        var l = round.Labelled;
        var t = round.Seconds;
        var accuracy = correct is null || cells is null ? null : cells.Accuracy(correct);
        return [
            run.Split, run.Arm, run.Recipe, run.ActiveLearning, Number(run.Seed), Number(r), run.Initialisation,
            Number(round.Accuracy), Number(round.MacroF1), Number(round.ValidationAccuracy),
            accuracy is null ? "" : Number(accuracy.PerCell), accuracy is null ? "" : Number(accuracy.ClassBalanced),
            accuracy is null ? "" : Number(accuracy.Cells),
            .. round.Test.PerClass.Select(c => Number(c.Recall)), .. round.Test.PerClass.Select(c => Number(c.Precision)),
            Number(l.Counts.Total), Number(run.OracleLabels(r)), Number(l.Counts.TotalOf(Provenance.PseudoLabel)), Number(l.PseudoLabelPrecision),
            Number(l.CstConfirmed), Number(l.CstCorrected), Number(l.Rejected),
            Number(t.Predict), Number(t.Select), Number(t.Label), Number(t.Train), Number(t.Evaluate), Number(t.Total),
            string.Join("/", ConfusionMatrixJsonConverter.ToRows(round.Test.Confusion).Select(Numbers)),
            .. Order(Enum.GetValues<Provenance>().Select(p => Numbers(l.Counts.For(p))).ToArray()),
            .. Order(Enum.GetValues<Provenance>().Select(p => Numbers(l.Added.For(p))).ToArray()),
            Numbers(l.WrongPseudoLabelsByClass), Number(round.Training.Size), Numbers(round.Training.ByClass),
            Numbers(round.Training.ClassWeights), Number(round.Training.Steps), Number(round.Training.FinalLoss),
            Number(round.Pool.Size), Number(round.Pool.Candidates), directory,
            correct is null ? "" : Numbers(correct),
            .. ConsistencyColumns.Write(round.Training.Consistency),
            Number(round.StopSetKappa),
        ];
    }

    // Columns follow Provenances' order, whatever order the enum declares.
    private static string[] Order(string[] byEnum)
    {
        var values = Enum.GetValues<Provenance>();
        return Provenances.Select(name => byEnum[Array.FindIndex(values, p => Snake(p) == name)]).ToArray();
    }

    private static string Snake(Provenance p) => string.Concat(p.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    /// <summary>The runs of records.csv <paramref name="text"/>, rounds in order, runs in the order they first appear.</summary>
    /// <exception cref="InvalidDataException">A missing column, a bad number, a gap in a run's rounds, or a derived column that disagrees with the confusion matrix.</exception>
    public static IReadOnlyList<RecordedRun> Read(string text, IReadOnlyList<string> classNames, string runFolder, string source = "records.csv")
    {
        var rows = CsvRow.All(text, source);
        var runs = new List<RecordedRun>();
        foreach (var group in rows.GroupBy(row => row.Text("run")))
        {
            var first = group.First();
            var rounds = new List<RoundResult>();
            var correct = new List<int[]?>();
            foreach (var row in group)
            {
                if (row.Int("round") != rounds.Count)
                    throw new InvalidDataException($"{source}: run '{group.Key}' has round {row.Int("round")} where round {rounds.Count} was expected.");
                rounds.Add(Round(row, classNames, source));
                correct.Add(row.Text("correct_by_cell") is "" ? null : row.Ints("correct_by_cell"));
            }
            // A run's own seconds are those of the invocation that returned it (~0 when it was read back): its rounds' are kept instead.
            var run = new ReproductionRun(first.Text("recipe"), first.Text("split"), first.Int("seed"), Path.Combine(runFolder, group.Key),
                rounds, rounds.Sum(x => x.Seconds.Total))
            { ActiveLearning = first.Text("query"), Initialisation = first.Text("init") };
            if (run.Arm != first.Text("strategy"))
                throw new InvalidDataException($"{source}: run '{group.Key}' is recipe '{run.Recipe}' with query '{run.ActiveLearning}', which is arm '{run.Arm}', not '{first.Text("strategy")}'.");
            runs.Add(new RecordedRun(run, correct));
        }
        return runs;
    }

    private static RoundResult Round(CsvRow row, IReadOnlyList<string> classNames, string source)
    {
        var matrix = row.Text("confusion").Split('/').Select(r => r.Split(' ').Select(int.Parse).ToArray()).ToArray();
        var test = ClassificationReport.FromConfusion(ConfusionMatrixJsonConverter.FromRows(matrix), classNames);
        // The readable columns are derived; one that disagrees means the file was edited by hand.
        if (test.Accuracy != row.Double("accuracy"))
            throw new InvalidDataException($"{source}: run '{row.Text("run")}' round {row.Int("round")}: accuracy {row.Text("accuracy")} disagrees with its confusion matrix ({Number(test.Accuracy)}).");
        ProvenanceCounts Counts(string prefix)
        {
            var byName = Provenances.ToDictionary(p => p, p => row.Ints($"{prefix}_{p}"));
            var values = Enum.GetValues<Provenance>().Select(p => byName[Snake(p)]).ToArray();
            var counts = ProvenanceCounts.Zero(classNames.Count);
            foreach (var (p, i) in Enum.GetValues<Provenance>().Select((p, i) => (p, i))) values[i].CopyTo(counts.For(p), 0);
            return counts;
        }
        var labelled = new LabelledSummary(Counts("labelled"), Counts("added"), row.NullableDouble("pseudo_label_precision"),
            row.Ints("wrong_pseudo_labels_by_class"), row.Int("cst_confirmed"), row.Int("cst_corrected"), row.Int("rejected"));
        var training = new TrainingSummary(row.Int("training_size"), row.Ints("training_by_class"), row.Floats("class_weights"),
            row.Int("steps"), row.Double("final_loss"), ConsistencyColumns.Read(row, classNames.Count, source));
        var seconds = new RoundTimings(row.Double("seconds_train"), row.Double("seconds_predict"), row.Double("seconds_select"),
            row.Double("seconds_label"), row.Double("seconds_evaluate"), row.Double("seconds_total"));
        return new RoundResult(row.Int("round"), test, labelled, training, new PoolSummary(row.Int("pool_size"), row.Int("candidates")),
            seconds, row.NullableDouble("validation_accuracy"),
            // Records written before the stop set existed have no column: their rounds have no kappa.
            StopSetKappa: row.Has("stop_set_kappa") ? row.NullableDouble("stop_set_kappa") : null);
    }
}
