using Workbench.Metrics;

namespace Workbench.Tests.Metrics;

public class ConfusionMatrixTests
{
    // rows = truth: class 0: [2, 1, 1]; class 1: [1, 1, 0]; class 2: [0, 0, 2]
    private static readonly int[] Truth = [0, 0, 0, 0, 1, 1, 2, 2];
    private static readonly int[] Predicted = [0, 0, 1, 2, 1, 0, 2, 2];

    [Fact]
    public void CountsTruthRowsAgainstPredictedColumns()
    {
        var matrix = ConfusionMatrix.From(Truth, Predicted, 3);
        Assert.Equal(new[,] { { 2, 1, 1 }, { 1, 1, 0 }, { 0, 0, 2 } }, matrix.ToArray());
        Assert.Equal(8, matrix.Total);
        Assert.Equal(1, matrix[0, 2]);
        Assert.Equal(0, matrix[2, 0]);
    }

    [Fact]
    public void ScoresMatchHandComputedValues()
    {
        var m = ConfusionMatrix.From(Truth, Predicted, 3);
        Assert.Equal(5.0 / 8, m.Accuracy, 12);
        Assert.Equal(new[] { 4, 2, 2 }, Enumerable.Range(0, 3).Select(m.Support));
        Assert.Equal(2.0 / 3, m.Precision(0), 12);
        Assert.Equal(0.5, m.Precision(1), 12);
        Assert.Equal(2.0 / 3, m.Precision(2), 12);
        Assert.Equal(0.5, m.Recall(0), 12);
        Assert.Equal(0.5, m.Recall(1), 12);
        Assert.Equal(1.0, m.Recall(2), 12);
        Assert.Equal(4.0 / 7, m.F1(0), 12);
        Assert.Equal(0.5, m.F1(1), 12);
        Assert.Equal(0.8, m.F1(2), 12);
        Assert.Equal((4.0 / 7 + 0.5 + 0.8) / 3, m.MacroF1, 12);
    }

    [Fact]
    public void UndefinedRatiosAreZero()
    {
        // class 2 never occurs and is never predicted; class 1 is never predicted
        var m = ConfusionMatrix.From([0, 0, 1], [0, 0, 0], 3);
        Assert.Equal(0.0, m.Precision(1));
        Assert.Equal(0.0, m.Recall(2));
        Assert.Equal(0.0, m.Precision(2));
        Assert.Equal(0.0, m.F1(2));
        Assert.Equal(0.0, m.F1(1));
    }

    [Fact]
    public void MacroF1SkipsClassesAbsentFromTruthAndPredictions()
    {
        var three = ConfusionMatrix.From(Truth, Predicted, 3);
        var five = ConfusionMatrix.From(Truth, Predicted, 5);
        Assert.Equal(three.MacroF1, five.MacroF1, 12);

        // a class only ever predicted (never true) counts, with F1 0
        var withFalseAlarm = ConfusionMatrix.From([0, 0], [0, 1], 2);
        Assert.Equal((2.0 / 3 + 0) / 2, withFalseAlarm.MacroF1, 12);
    }

    [Fact]
    public void EmptyInputHasZeroScores()
    {
        var m = ConfusionMatrix.From([], [], 2);
        Assert.Equal(0, m.Total);
        Assert.Equal(0.0, m.Accuracy);
        Assert.Equal(0.0, m.MacroF1);
    }

    [Fact]
    public void LengthMismatchIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0, 1], [0], 2));
        Assert.Equal("predicted", e.ParamName);
    }

    [Fact]
    public void LabelOutOfRangeIsAnError()
    {
        Assert.Equal("truth", Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0, 3], [0, 1], 3)).ParamName);
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0, 1], [-1, 1], 3)).ParamName);
        Assert.Equal("numClasses", Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.From([], [], 0)).ParamName);
    }

    [Fact]
    public void CountsMustBeSquareAndNonNegative()
    {
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => new ConfusionMatrix(new int[2, 3])).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => new ConfusionMatrix(new[,] { { 1, -1 }, { 0, 0 } })).ParamName);
    }

    [Fact]
    public void CountsAreCopied()
    {
        var counts = new[,] { { 1, 0 }, { 0, 1 } };
        var m = new ConfusionMatrix(counts);
        counts[0, 0] = 99;
        m.ToArray()[1, 1] = 99;
        Assert.Equal(1, m[0, 0]);
        Assert.Equal(1, m[1, 1]);
    }
}
