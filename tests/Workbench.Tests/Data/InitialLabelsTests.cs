using Workbench.Data;

namespace Workbench.Tests.Data;

public class InitialLabelsTests
{
    [Fact]
    public void TwoPercentOfThePaperSplitIs124Labels()
    {
        var bccd = RealData.Bccd;
        var split = Splits.Paper(bccd, seed: 0);
        var labelled = InitialLabels.ByFraction(bccd, split.TrainIds, 0.02, seed: 0);
        // 2% of 6,222 = 124.44 -> 124; per class 31.2/31.02/30.98/31.24 -> 31 each by largest remainder.
        Assert.Equal(124, labelled.Count);
        Assert.Equal([31, 31, 31, 31], bccd.CountsPerClass(labelled));
        Assert.Subset(split.TrainIds.ToHashSet(), labelled.ToHashSet());
        Assert.Equal(labelled.Order(), labelled);
        Assert.Equal(labelled, InitialLabels.ByFraction(bccd, split.TrainIds, 0.02, seed: 0));
        Assert.NotEqual(labelled, InitialLabels.ByFraction(bccd, split.TrainIds, 0.02, seed: 1));
    }

    [Fact]
    public void TinyFractionStillLabelsOnePerClass()
    {
        var bccd = RealData.Bccd;
        var split = Splits.Provided(bccd);
        var labelled = InitialLabels.ByFraction(bccd, split.TrainIds, 0.0001, seed: 0);
        Assert.Equal([1, 1, 1, 1], bccd.CountsPerClass(labelled));
    }

    [Fact]
    public void WholeFractionLabelsEverything()
    {
        var bccd = RealData.Bccd;
        var split = Splits.Provided(bccd);
        Assert.Equal(split.TrainIds, InitialLabels.ByFraction(bccd, split.TrainIds, 1.0, seed: 0));
    }

    [Fact]
    public void CountPerClassGivesTheBoneMarrowStart()
    {
        var fine = RealData.PbcFine;
        var split = Splits.StratifiedTestCount(fine, 50, seed: 0);
        var labelled = InitialLabels.ByCountPerClass(fine, split.TrainIds, 25, seed: 0);
        Assert.Equal(275, labelled.Count);
        Assert.All(fine.CountsPerClass(labelled), n => Assert.Equal(25, n));
        Assert.Empty(labelled.Intersect(split.TestIds));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var bccd = RealData.Bccd;
        var train = Splits.Provided(bccd).TrainIds;
        Assert.Throws<ArgumentOutOfRangeException>(() => InitialLabels.ByFraction(bccd, train, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => InitialLabels.ByFraction(bccd, train, 1.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => InitialLabels.ByFraction(bccd, train, double.NaN, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => InitialLabels.ByCountPerClass(bccd, train, 0, 0));
        Assert.Throws<ArgumentException>(() => InitialLabels.ByFraction(bccd, [], 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => InitialLabels.ByFraction(bccd, [bccd.Count], 0.5, 0));
        var error = Assert.Throws<DataSetException>(() => InitialLabels.ByCountPerClass(bccd, train.Take(100).ToList(), 25, 0));
        Assert.Contains("LYMPHOCYTE (0)", error.Message);
    }
}
