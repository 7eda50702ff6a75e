using Workbench.Metrics;
using Workbench.Records;

namespace Workbench.Tests.Records;

/// <summary>`workbench evaluate`'s report: per-model accuracies by image and cell, and the baseline family.</summary>
public class CheckpointEvaluationTests
{
    // Two classes, four cells: cell 10 (class 0, 3 images), cell 11 (class 0, 1 image), cell 20 and 21 (class 1, 2 each).
    private static TestCells Cells() => new("provided",
        [new TestCell(10, 0, 3, "a"), new TestCell(11, 0, 1, "b"), new TestCell(20, 1, 2, "c"), new TestCell(21, 1, 2, "d")],
        [0, 2, 0, 1, 2, 3, 0, 3]);

    private static readonly ClusterBootstrapOptions Options = new(Resamples: 200);

    [Fact]
    public void AccuracyPerImageAndPerCellFollowTheImagesCells()
    {
        // Images of cell 10 (positions 0, 2, 6) all wrong, everything else right: 5 of 8 images, 3 of 4 cells.
        bool[] correct = [false, true, false, true, true, true, false, true];
        var report = CheckpointEvaluation.Of(Cells(), ["A", "B"], ["m.pt"], [correct], null, Options);

        Assert.Equal(5 / 8.0, report.Accuracies[0].PerImage, 9);
        Assert.Equal(3 / 4.0, report.Accuracies[0].PerCell, 9);
        Assert.Equal((1 / 2.0 + 1) / 2, report.Accuracies[0].ClassBalanced, 9);
        Assert.Null(report.AgainstBaseline);
        var text = report.ToText();
        Assert.Contains("8 images of 4 cells (A 2, B 2); 1 model(s)", text);
        Assert.Contains("m.pt: per image 62.5%, per cell 75.0%, class-balanced per cell 75.0%", text);
        Assert.Contains("(8 images, 1 seed", text);
    }

    [Fact]
    public void ABaselinePerModelAddsTheHolmFamily()
    {
        bool[] all = [true, true, true, true, true, true, true, true];
        bool[] some = [false, true, false, true, true, true, false, true];
        var report = CheckpointEvaluation.Of(Cells(), ["A", "B"], ["s0", "s1"], [all, all], [some, some], Options);

        Assert.NotNull(report.AgainstBaseline);
        Assert.Equal(4, report.AgainstBaseline!.Comparisons.Count);
        Assert.Contains("family 'checkpoint - baseline'", report.ToText());
        Assert.Throws<ArgumentException>(() => CheckpointEvaluation.Of(Cells(), ["A", "B"], ["s0", "s1"], [all, all], [some], Options));
    }
}
