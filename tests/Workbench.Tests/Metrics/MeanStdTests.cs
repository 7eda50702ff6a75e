using Workbench.Metrics;
using Xunit;

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
        Assert.Equal("96.00 ± 1.41", summary.Format("F2", 100));
        Assert.Equal("0.96 ± 0.01", summary.ToString());
    }

    [Fact]
    public void RejectsEmptyAndNonFiniteInput()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => MeanStd.Of([])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => MeanStd.Of([1.0, double.NaN])).ParamName);
    }
}
