using Workbench.Loop;
using Workbench.Metrics;

namespace Workbench.Tests.Reports;

/// <summary>Hand-made round results for report-helper tests (only the fields a test sets matter).</summary>
internal static class TestRounds
{
    public static readonly string[] Classes = ["a", "b", "c"];

    public static RoundResult Make(int round, double accuracy, ProvenanceCounts? added = null, int[][]? confusion = null, ProvenanceCounts? labelled = null)
    {
        confusion ??= [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
        var perClass = Classes.Select((name, c) => new ClassMetrics(name, 0.5, 0.5, 0.5, confusion[c].Sum())).ToArray();
        var test = new ClassificationReport(Classes, ConfusionMatrixJsonConverter.FromRows(confusion), accuracy, accuracy, perClass);
        return new RoundResult(round, test,
            new LabelledSummary(labelled ?? ProvenanceCounts.Zero(3), added ?? ProvenanceCounts.Zero(3), null, [0, 0, 0], 0, 0, 0),
            new TrainingSummary(10, [4, 3, 3], [1f, 1f, 1f], 20, 0.1), new PoolSummary(0, 0), new RoundTimings(1, 0, 0, 0, 0, 1.5));
    }

    /// <summary>Counts with <paramref name="pseudo"/> pseudo-labels and <paramref name="al"/> AL samples per class.</summary>
    public static ProvenanceCounts Added(int[] pseudo, int[] al, int[]? corrected = null) =>
        new(new int[3], pseudo, new int[3], corrected ?? new int[3], al);
}
