using Workbench.Metrics;

namespace Workbench.Tests.Metrics;

public class MeanStdTests
{
    [Fact]
    public void UsesSampleStandardDeviation()
    {
        var summary = MeanStd.Of([1.0, 2.0, 3.0, 4.0]);
        Assert.Equal(2.5, summary.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), summary.Std, 12); // n - 1 = 3, not n = 4
        Assert.Equal(4, summary.Count);
    }

    [Fact]
    public void SingleValueHasZeroStd()
    {
        Assert.Equal(new MeanStd(0.9, 0, 1), MeanStd.Of([0.9]));
    }

    [Fact]
    public void FormatsAsMeanPlusMinusStd()
    {
        var summary = MeanStd.Of([0.95, 0.97]);
        Assert.Equal("96.00 ± 1.41 (n = 2)", summary.Format("F2", 100));
        Assert.Equal("0.96 ± 0.01 (n = 2)", summary.ToString());
        // One value has no spread to show: never "± 0.00".
        Assert.Equal("90.0 (n = 1)", MeanStd.Of([0.9]).Format("F1", 100));
    }

    [Fact]
    public void RejectsEmptyAndNonFiniteInput()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => MeanStd.Of([])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => MeanStd.Of([1.0, double.NaN])).ParamName);
    }

    [Fact]
    public void PairedDifferenceUsesStudentTAndSaysWhenTheIntervalExcludesZero()
    {
        // differences 0.10, 0.12, 0.14: mean 0.12, sd 0.02, t(2) = 4.303 -> half-width 0.0497
        var d = PairedDifference.Of([0.6, 0.62, 0.64], [0.5, 0.5, 0.5]);
        Assert.Equal(0.12, d.Mean, 10);
        Assert.Equal(0.12 - 4.303 * 0.02 / Math.Sqrt(3), d.Low, 6);
        Assert.True(d.Excludes0);
        Assert.Equal("+12.0 [+7.0, +17.0] (n = 3)", d.Format());
        // noisy differences: the interval spans 0, no claim
        var noisy = PairedDifference.Of([0.7, 0.5, 0.62], [0.5, 0.6, 0.6]);
        Assert.False(noisy.Excludes0);
        Assert.Contains("no interval", PairedDifference.Of([0.7], [0.5]).Format());
        Assert.Throws<ArgumentException>(() => PairedDifference.Of([0.1, 0.2], [0.1]));
    }

    [Fact]
    public void LearningCurveAreaIsTheTrapezoidMeanOverRounds()
    {
        Assert.Equal(0.5, LearningCurveArea.Of([0.5, 0.5, 0.5]), 10);
        Assert.Equal((0.5 + 0.7) / 2 / 2 + (0.7 + 0.9) / 2 / 2, LearningCurveArea.Of([0.5, 0.7, 0.9]), 10);
        Assert.Equal(0.4, LearningCurveArea.Of([0.4]));
        Assert.Throws<ArgumentException>(() => LearningCurveArea.Of([]));
    }
}
