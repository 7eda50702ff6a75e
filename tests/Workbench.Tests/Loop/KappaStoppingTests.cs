using Workbench.Loop;

namespace Workbench.Tests.Loop;

public class KappaStoppingTests
{
    // Round 0 has no kappa; the means of 3 at rounds 3, 4, 5: 0.9783, 0.9947, 0.998.
    private static readonly double?[] Rising = [null, 0.95, 0.99, 0.995, 0.999, 1.0];

    [Fact]
    public void TheRuleFiresAtTheFirstRoundWhoseWindowMeanReachesTheThreshold()
    {
        Assert.Equal(4, KappaStopping.FirstRound(Rising, 0.99, 3));
        Assert.False(KappaStopping.Holds(Rising[..4], 0.99, 3));
        Assert.True(KappaStopping.Holds(Rising[..5], 0.99, 3));
        // Other windows move the round: 2 rounds reach 0.99 at round 3, 4 rounds only at round 5.
        Assert.Equal(3, KappaStopping.FirstRound(Rising, 0.99, 2));
        Assert.Equal(5, KappaStopping.FirstRound(Rising, 0.99, 4));
        Assert.Null(KappaStopping.FirstRound(Rising, 0.999, 3));
    }

    [Fact]
    public void NothingIsDecidedBeforeTheWindowHasKappasAndAMeanEqualToTheThresholdStops()
    {
        // Perfect agreement from round 1: with a window of 3 the earliest stop is round 3 (rounds 1-3), never round 2.
        double?[] stable = [null, 1, 1, 1, 1];
        Assert.Equal(3, KappaStopping.FirstRound(stable, 0.99, 3));
        Assert.Null(KappaStopping.WindowMean(stable[..3], 3));
        Assert.Equal(1, KappaStopping.FirstRound(stable, 0.99, 1));
        // A round without a kappa (stored before the stop set existed) inside the window blocks the rule.
        Assert.Equal(4, KappaStopping.FirstRound([null, null, 1, 1, 1], 0.99, 3));
        // The mean reaching the threshold exactly is enough (>=, as "reaches" says).
        Assert.Equal(3, KappaStopping.FirstRound([null, 0.5, 0.5, 0.5], 0.5, 3));
        Assert.Equal(0.5, KappaStopping.WindowMean([null, 0.25, 0.5, 0.75], 3));
    }

    [Fact]
    public void TheReasonSaysWhichRoundsAndTheField()
    {
        Assert.Null(KappaStopping.Reason(Rising[..4], 0.99, 3));
        var reason = KappaStopping.Reason(Rising[..5], 0.99, 3);
        Assert.Equal("the stop-set predictions stabilised: mean kappa 0.9947 over rounds 2-4 >= 0.99 (stopWhenKappa)", reason);
        Assert.Throws<ArgumentOutOfRangeException>(() => KappaStopping.Holds(Rising, 0.99, 0));
    }
}
