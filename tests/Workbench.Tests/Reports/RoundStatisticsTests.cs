using Workbench.Loop;
using Workbench.Reports;

namespace Workbench.Tests.Reports;

public sealed class RoundStatisticsTests
{
    [Fact]
    public void Mean_and_sample_std_per_round_use_the_runs_that_reached_it()
    {
        IReadOnlyList<RoundResult> longer = [TestRounds.Make(0, 0.5), TestRounds.Make(1, 0.7)];
        IReadOnlyList<RoundResult> shorter = [TestRounds.Make(0, 0.7)];

        var points = RoundStatistics.MeanByRound([longer, shorter]);

        Assert.Equal(2, points.Count);
        Assert.Equal(0.6, points[0].Mean, 12);
        Assert.Equal(Math.Sqrt(0.02), points[0].Std, 12);  // values .5 and .7, n - 1 = 1
        Assert.Equal((1.0, 0.7, 0.0), (points[1].X, points[1].Mean, points[1].Std));
    }

    [Fact]
    public void Additions_skip_round_zero_and_can_be_filtered_by_provenance()
    {
        IReadOnlyList<RoundResult> run =
        [
            TestRounds.Make(0, 0.5, TestRounds.Added([9, 9, 9], [9, 9, 9])),
            TestRounds.Make(1, 0.6, TestRounds.Added([1, 2, 0], [0, 0, 5])),
            TestRounds.Make(2, 0.7, TestRounds.Added([1, 0, 0], [0, 4, 0], corrected: [2, 0, 0])),
        ];
        IReadOnlyList<RoundResult> other = [TestRounds.Make(0, 0.5), TestRounds.Make(1, 0.6, TestRounds.Added([0, 0, 0], [0, 0, 1]))];

        Assert.Equal([4, 6, 5], RoundStatistics.AddedByClass(run));
        Assert.Equal([2, 2, 0], RoundStatistics.AddedByClass(run, Provenance.PseudoLabel));
        Assert.Equal([2, 0, 0], RoundStatistics.AddedByClass(run, Provenance.CstCorrected));
        Assert.Equal([2.0, 3.0, 3.0], RoundStatistics.MeanAddedByClass([run, other]));
    }

    [Fact]
    public void Balance_names_the_extremes_and_the_coefficient_of_variation()
    {
        var balance = RoundStatistics.Balance([6, 2, 2], TestRounds.Classes);

        Assert.Equal(10, balance.Total);
        Assert.Equal(("a", 0.6), (balance.LargestClass, balance.LargestShare));
        Assert.Equal(("b", 0.2), (balance.SmallestClass, balance.SmallestShare));
        // mean 10/3, population std sqrt(((8/3)^2 + 2 (4/3)^2) / 3)
        Assert.Equal(Math.Sqrt((64.0 / 9 + 2 * 16.0 / 9) / 3) / (10.0 / 3), balance.CoefficientOfVariation, 12);
        Assert.Equal(0, RoundStatistics.Balance([3, 3, 3], TestRounds.Classes).CoefficientOfVariation);
        Assert.Throws<ArgumentException>(() => RoundStatistics.Balance([1, 2], TestRounds.Classes));
        Assert.Equal(["a", "b", "c"], RoundStatistics.ClassNames(TestRounds.Make(0, 0.5)));
    }
}
