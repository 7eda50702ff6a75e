using Workbench.Reports;
using Workbench.Engine;

namespace Workbench.Tests.Reports;

public sealed class SamplePredictionsTests
{
    // Rows: ids 10..14; truth 0,0,1,1,2.
    private static SamplePredictions Make() => new([10, 11, 12, 13, 14], [0, 0, 1, 1, 2], Predictions.FromRows(
    [
        [0.7f, 0.2f, 0.1f],   // right
        [0.3f, 0.6f, 0.1f],   // 0 -> 1, conf .6
        [0.1f, 0.8f, 0.1f],   // right
        [0.9f, 0.05f, 0.05f], // 1 -> 0, conf .9
        [0.1f, 0.7f, 0.2f],   // 2 -> 1, conf .7
    ]));

    [Fact]
    public void Argmax_accuracy_and_confusion_follow_the_rows()
    {
        var predictions = Make();

        Assert.Equal([0, 1, 1, 0, 1], predictions.Predicted);
        Assert.Equal(0.4, predictions.Accuracy, 12);
        Assert.Equal(1, predictions.Confusion()[2, 1]);
        Assert.Equal(0.9, predictions.Confidence(3), 6);
    }

    [Fact]
    public void Mistakes_come_most_confident_first()
    {
        var predictions = Make();

        Assert.Equal([3, 4, 1], predictions.WrongRows());
        Assert.Equal([1], predictions.Rows(0, 1));
        Assert.Empty(predictions.Rows(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => predictions.Rows(3, 0));
    }

    [Fact]
    public void Lengths_and_labels_must_agree()
    {
        var rows = Predictions.FromRows([[0.5f, 0.5f]]);

        Assert.Equal("truth", Assert.Throws<ArgumentException>(() => new SamplePredictions([1], [0, 1], rows)).ParamName);
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => new SamplePredictions([1, 2], [0, 1], rows)).ParamName);
        Assert.Equal("truth", Assert.Throws<ArgumentException>(() => new SamplePredictions([1], [2], rows)).ParamName);
    }
}
