using Workbench.Data;

namespace Workbench.Tests.Data;

public class BccdLoaderTests
{
    // Per-class counts from shared/datasets/bccd/README.md, in label order EOS, LYM, MON, NEU.
    private static readonly int[] TrainCounts = [2497, 2483, 2478, 2499];
    private static readonly int[] TestCounts = [623, 620, 620, 624];
    private static readonly int[] TestSimpleCounts = [13, 6, 4, 48];

    [Fact]
    public void DefaultPoolIsTrainPlusTestWithReadmeCounts()
    {
        var bccd = RealData.Bccd;
        Assert.Equal("bccd", bccd.Name);
        Assert.Equal(["EOSINOPHIL", "LYMPHOCYTE", "MONOCYTE", "NEUTROPHIL"], bccd.ClassNames);
        Assert.Equal(12_444, bccd.Count);
        Assert.Equal(9_957, bccd.IdsInSplits("TRAIN").Count);
        Assert.Equal(2_487, bccd.IdsInSplits("TEST").Count);
        var bySplit = bccd.CountsPerClassBySplit();
        Assert.Equal(TrainCounts, bySplit["TRAIN"]);
        Assert.Equal(TestCounts, bySplit["TEST"]);
        Assert.False(bySplit.ContainsKey("TEST_SIMPLE"));
        Assert.Empty(bccd.Skipped);
        Assert.Empty(bccd.Warnings);
    }

    [Fact]
    public void SourceGroupsMatchTheReadme()
    {
        var bccd = RealData.Bccd;
        Assert.All(bccd.Samples, s => Assert.True(s.SourceGroup >= 0, s.RelativePath));
        int[] GroupsPerClass(string split) => Enumerable.Range(0, 4)
            .Select(c => bccd.Samples.Where(s => s.Split == split && s.Label == c).Select(s => s.SourceGroup).Distinct().Count())
            .ToArray();
        Assert.Equal([75, 27, 16, 159], GroupsPerClass("TRAIN"));
        Assert.Equal(277, GroupsPerClass("TRAIN").Sum());
        Assert.Equal([13, 6, 4, 48], GroupsPerClass("TEST"));
        Assert.Equal(348, bccd.Samples.Select(s => s.SourceGroup).Distinct().Count());
    }

    [Fact]
    public void GroupIdsAreGloballyUniquePerClassSplitAndSourceIndex()
    {
        var bccd = RealData.Bccd;
        // "_0_..." exists in every class and split: each must be its own group.
        var owners = bccd.Samples.GroupBy(s => s.SourceGroup)
            .Select(g => g.Select(s => (s.Split, s.Label, SourceIndex(s.RelativePath))).Distinct().Count());
        Assert.All(owners, distinctOwners => Assert.Equal(1, distinctOwners));
        var zeroGroups = bccd.Samples.Where(s => SourceIndex(s.RelativePath) == 0).Select(s => s.SourceGroup).Distinct().Count();
        Assert.Equal(8, zeroGroups); // 4 classes x 2 splits
    }

    [Fact]
    public void TestSimpleIsLoadableOnItsOwnAndWithThePool()
    {
        var simple = DataSets.Load("bccd", RealData.Root, new DataSetOptions { BccdSplits = ["TEST_SIMPLE"] });
        Assert.Equal(71, simple.Count);
        Assert.Equal(TestSimpleCounts, simple.CountsPerClass());
        Assert.Equal(71, simple.Samples.Select(s => s.SourceGroup).Distinct().Count());
        Assert.Equal("bccd-test-simple", simple.CacheKey);

        var all = RealData.BccdAllSplits;
        Assert.Equal(12_515, all.Count);
        Assert.Equal(["TRAIN", "TEST", "TEST_SIMPLE"], all.SplitNames);
        Assert.NotEqual(RealData.Bccd.CacheKey, all.CacheKey);
    }

    [Fact]
    public void SamplesPointAtExistingFilesInOrder()
    {
        var bccd = RealData.Bccd;
        Assert.Equal(Path.GetFullPath(RealData.BccdImages), bccd.Root);
        Assert.Equal("TRAIN/EOSINOPHIL/", bccd.Samples[0].RelativePath[..17]);
        Assert.True(File.Exists(bccd.FullPath(bccd.Samples[0])));
        Assert.True(File.Exists(bccd.FullPath(bccd.Samples[^1])));
        Assert.StartsWith("TEST/NEUTROPHIL/", bccd.Samples[^1].RelativePath);
        Assert.Equal(Enumerable.Range(0, bccd.Count), bccd.Samples.Select(s => s.Id));
    }

    [Fact]
    public void AcceptsTheDataSetFolderOrTheImagesFolderAsRoot()
    {
        Assert.Equal(12_444, DataSets.Load("bccd", Path.Combine(RealData.Root, "bccd")).Count);
        Assert.Equal(12_444, DataSets.Load("BCCD", RealData.BccdImages).Count);
    }

    [Fact]
    public void MissingRootIsAClearError()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "does-not-exist");
        var error = Assert.Throws<DataSetException>(() => DataSets.Load("bccd", missing));
        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void RootWithoutTheLayoutListsWhereItLooked()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<DataSetException>(() => DataSets.Load("bccd", temp.Path));
        Assert.Contains(Path.Combine(temp.Path, "bccd", "dataset2-master", "images", "TRAIN"), error.Message);
        Assert.Contains(Path.Combine(temp.Path, "dataset2-master", "images", "TRAIN"), error.Message);
    }

    [Fact]
    public void MissingClassOrSplitFolderIsNamed()
    {
        using var temp = new TempDirectory();
        var images = TinyLayouts.Bccd(temp.Path, sources: 1, copies: 1, "TRAIN");
        var error = Assert.Throws<DataSetException>(() => DataSets.Load("bccd", temp.Path));
        Assert.Contains(Path.Combine(images, "TEST"), error.Message);

        Directory.Delete(Path.Combine(images, "TRAIN", "MONOCYTE"), recursive: true);
        error = Assert.Throws<DataSetException>(() =>
            DataSets.Load("bccd", temp.Path, new DataSetOptions { BccdSplits = ["TRAIN"] }));
        Assert.Contains(Path.Combine(images, "TRAIN", "MONOCYTE"), error.Message);
    }

    [Fact]
    public void EmptyClassFolderIsReportedAndRefusedForTraining()
    {
        using var temp = new TempDirectory();
        var images = TinyLayouts.Bccd(temp.Path, sources: 2, copies: 2, "TRAIN", "TEST");
        foreach (var file in Directory.GetFiles(Path.Combine(images, "TEST", "LYMPHOCYTE")))
            File.Delete(file);
        foreach (var file in Directory.GetFiles(Path.Combine(images, "TRAIN", "LYMPHOCYTE")))
            File.Delete(file);
        var data = DataSets.Load("bccd", temp.Path);
        Assert.Equal(24, data.Count);
        Assert.Contains(data.Warnings, w => w.Contains("empty class folder") && w.Contains("TRAIN/LYMPHOCYTE/"));
        Assert.Equal(["LYMPHOCYTE"], data.EmptyClasses());
        var error = Assert.Throws<DataSetException>(() => Splits.Provided(data));
        Assert.Contains("LYMPHOCYTE", error.Message);
        Assert.Throws<DataSetException>(() => Splits.Paper(data, seed: 0));
    }

    [Fact]
    public void UnknownSplitOptionAndUnknownDataSetListValidNames()
    {
        var split = Assert.Throws<ArgumentException>(() =>
            DataSets.Load("bccd", RealData.Root, new DataSetOptions { BccdSplits = ["VALID"] }));
        Assert.Contains("TEST_SIMPLE", split.Message);
        var name = Assert.Throws<ArgumentException>(() => DataSets.Load("cifar", RealData.Root));
        Assert.Equal("name", name.ParamName);
        Assert.Contains("bccd, pbc, pbc-fine", name.Message);
    }

    private static int SourceIndex(string relativePath) => int.Parse(Path.GetFileName(relativePath).Split('_')[1]);
}
