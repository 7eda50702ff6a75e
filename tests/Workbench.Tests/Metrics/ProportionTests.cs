using Workbench.Metrics;

namespace Workbench.Tests.Metrics;

public sealed class ProportionTests
{
    [Fact]
    public void Wilson_interval_matches_published_values()
    {
        // 32 of 50 at 95%: 0.5014 to 0.7586 (Wilson 1927; R: prop.test(32, 50, correct = FALSE)).
        var (low, high) = Proportion.Of(32, 50).Wilson();
        Assert.Equal(0.5014, low, 4);
        Assert.Equal(0.7586, high, 4);
        // 0 of 10 and 10 of 10 stay inside [0, 1] and are not a point.
        Assert.Equal(0, Proportion.Of(0, 10).Wilson().Low);
        Assert.Equal(0.2775, Proportion.Of(0, 10).Wilson().High, 4);
        Assert.Equal(1, Proportion.Of(10, 10).Wilson().High);
        // A 90% interval is narrower.
        var ninety = Proportion.Of(32, 50).Wilson(0.90);
        Assert.True(ninety.Low > low && ninety.High < high);
        Assert.Equal("0.64 [0.50, 0.76] (32 of 50)", Proportion.Of(32, 50).Format());
    }

    [Fact]
    public void Counts_outside_their_range_are_rejected_and_no_trials_is_nan()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportion.Of(6, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportion.Of(-1, 5));
        Assert.True(double.IsNaN(Proportion.Of(0, 0).Rate));
        Assert.True(double.IsNaN(Proportion.Of(0, 0).Wilson().Low));
    }
}
