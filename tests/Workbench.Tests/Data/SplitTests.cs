using Workbench.Data;

namespace Workbench.Tests.Data;

public class SplitTests
{
    [Fact]
    public void PaperSplitHalvesThePoolStratified()
    {
        var bccd = RealData.Bccd;
        var split = Splits.Paper(bccd, seed: 0);
        Assert.Equal("paper", split.Name);
        Assert.Equal(6_222, split.TrainIds.Count);
        Assert.Equal(6_222, split.TestIds.Count);
        // Pool per class 3120, 3103, 3098, 3123: the odd halves go to test for LYM (tie -> lower class), train for NEU.
        Assert.Equal([1560, 1552, 1549, 1561], bccd.CountsPerClass(split.TestIds));
        Assert.Equal([1560, 1551, 1549, 1562], bccd.CountsPerClass(split.TrainIds));
        AssertPartition(split, Enumerable.Range(0, bccd.Count));
    }

    [Fact]
    public void PaperSplitIsDeterministicForASeedAndLeaky()
    {
        var bccd = RealData.Bccd;
        var a = Splits.Paper(bccd, seed: 1);
        var b = Splits.Paper(bccd, seed: 1);
        var c = Splits.Paper(bccd, seed: 2);
        Assert.Equal(a.TrainIds, b.TrainIds);
        Assert.NotEqual(a.TrainIds, c.TrainIds);
        // The documented leak: nearly every source cell has copies on both sides.
        var shared = Groups(bccd, a.TrainIds).Intersect(Groups(bccd, a.TestIds)).Count();
        Assert.True(shared > 300, $"only {shared} groups shared");
    }

    [Fact]
    public void PaperSplitExcludesTestSimpleEvenWhenLoaded()
    {
        var split = Splits.Paper(RealData.BccdAllSplits, seed: 0);
        Assert.Equal(12_444, split.TrainIds.Count + split.TestIds.Count);
        Assert.DoesNotContain(split.TrainIds.Concat(split.TestIds), id => RealData.BccdAllSplits.Samples[id].Split == "TEST_SIMPLE");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GroupedSplitSharesNoSourceGroupAndIsRoughlyBalanced(int seed)
    {
        var bccd = RealData.Bccd;
        var split = Splits.Grouped(bccd, seed);
        Assert.Equal("grouped", split.Name);
        AssertPartition(split, Enumerable.Range(0, bccd.Count));
        Assert.Empty(Groups(bccd, split.TrainIds).Intersect(Groups(bccd, split.TestIds)));
        double testShare = split.TestIds.Count / (double)bccd.Count;
        Assert.InRange(testShare, 0.47, 0.53);
        var test = bccd.CountsPerClass(split.TestIds);
        var all = bccd.CountsPerClass();
        for (int c = 0; c < all.Length; c++)
            Assert.InRange(test[c] / (double)all[c], 0.40, 0.60);
    }

    [Fact]
    public void GroupedSplitDependsOnTheSeed()
    {
        var a = Splits.Grouped(RealData.Bccd, seed: 0);
        Assert.Equal(a.TestIds, Splits.Grouped(RealData.Bccd, seed: 0).TestIds);
        Assert.NotEqual(a.TestIds, Splits.Grouped(RealData.Bccd, seed: 1).TestIds);
    }

    [Fact]
    public void GroupedSplitNeedsGroups()
    {
        var error = Assert.Throws<DataSetException>(() => Splits.Grouped(RealData.Pbc, seed: 0));
        Assert.Contains("source group", error.Message);
    }

    [Fact]
    public void ProvidedSplitIsTheFolders()
    {
        var bccd = RealData.Bccd;
        var split = Splits.Provided(bccd);
        Assert.Equal(9_957, split.TrainIds.Count);
        Assert.Equal(2_487, split.TestIds.Count);
        Assert.All(split.TrainIds, id => Assert.Equal("TRAIN", bccd.Samples[id].Split));
        Assert.All(split.TestIds, id => Assert.Equal("TEST", bccd.Samples[id].Split));
        Assert.Empty(Groups(bccd, split.TrainIds).Intersect(Groups(bccd, split.TestIds)));
    }

    [Fact]
    public void PbcPerClassTestCountHoldsOutExactlyThatMany()
    {
        var fine = RealData.PbcFine;
        var split = Splits.StratifiedTestCount(fine, testPerClass: 50, seed: 3);
        Assert.Equal("per-class-50", split.Name);
        Assert.All(fine.CountsPerClass(split.TestIds), n => Assert.Equal(50, n));
        Assert.Equal(fine.Count - 550, split.TrainIds.Count);
        AssertPartition(split, Enumerable.Range(0, fine.Count));
        Assert.Equal(split.TestIds, Splits.Create("per-class-50", fine, seed: 3).TestIds);
    }

    [Fact]
    public void PerClassTestCountTooLargeNamesTheClass()
    {
        var kept = DataSets.Load("pbc-fine", RealData.Root, new DataSetOptions { KeepUnspecifiedFineClasses = true });
        var error = Assert.Throws<DataSetException>(() => Splits.StratifiedTestCount(kept, 50, seed: 0));
        Assert.Contains("neutrophil (unspecified) (50)", error.Message);
    }

    [Fact]
    public void StratifiedFractionSplitsEveryClassProportionally()
    {
        var pbc = RealData.Pbc;
        var split = Splits.Stratified(pbc, testFraction: 0.2, seed: 0);
        Assert.Equal("stratified-0.2", split.Name);
        Assert.Equal((int)Math.Round(0.2 * pbc.Count), split.TestIds.Count);
        var test = pbc.CountsPerClass(split.TestIds);
        var all = pbc.CountsPerClass();
        for (int c = 0; c < all.Length; c++)
            Assert.InRange(test[c], (int)Math.Floor(0.2 * all[c]), (int)Math.Ceiling(0.2 * all[c]));
        AssertPartition(split, Enumerable.Range(0, pbc.Count));
    }

    [Fact]
    public void CreateByNameAndBadArguments()
    {
        Assert.Equal("provided", Splits.Create("Provided", RealData.Bccd, seed: 0).Name);
        var error = Assert.Throws<ArgumentException>(() => Splits.Create("random", RealData.Bccd, 0));
        Assert.Contains("paper, grouped, provided", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Stratified(RealData.Pbc, 1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Stratified(RealData.Pbc, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.StratifiedTestCount(RealData.Pbc, 0, 0));
        Assert.Throws<DataSetException>(() => Splits.Paper(RealData.Pbc, 0));
    }

    private static HashSet<int> Groups(DataSet data, IEnumerable<int> ids) => ids.Select(id => data.Samples[id].SourceGroup).ToHashSet();

    private static void AssertPartition(Split split, IEnumerable<int> pool)
    {
        Assert.Equal(split.TrainIds.Order(), split.TrainIds);
        Assert.Equal(split.TestIds.Order(), split.TestIds);
        Assert.Empty(split.TrainIds.Intersect(split.TestIds));
        Assert.Equal(pool.Order(), split.TrainIds.Concat(split.TestIds).Order());
    }
}
