// FolderScanTests.cs: tests (Workbench.Tests, data layer) that a data check scans every folder of the
// layout (BCCD TEST_SIMPLE too) and says which folders form the training pool.
using Workbench.Data;

namespace Workbench.Tests.Data;

public class FolderScanTests
{
    [Fact]
    public void BccdCheckScansEveryFolderAndMarksThePool()
    {
        using var temp = new TempDirectory();
        var images = TinyLayouts.Bccd(temp.Path, sources: 2, copies: 2, "TRAIN", "TEST", "TEST_SIMPLE");
        Directory.CreateDirectory(Path.Combine(images, "VALIDATION", "EOSINOPHIL"));
        File.WriteAllBytes(Path.Combine(images, "VALIDATION", "EOSINOPHIL", "_0_1.png"), TinyPng.Solid(4, 4, 1, 2, 3));

        var data = DataSets.LoadEverything("bccd", temp.Path);
        Assert.Equal(["TRAIN", "TEST", "TEST_SIMPLE"], data.SplitNames);
        Assert.Equal(3 * 4 * 4, data.Count);
        Assert.Contains(data.Warnings, w => w.Contains("unexpected folder ignored: VALIDATION/ (1 files)"));

        var report = DataChecker.Check(data);
        Assert.Equal(["TRAIN", "TEST"], report.PoolSplits);
        var text = report.ToText();
        Assert.Contains("Images per folder and class", text);
        Assert.Matches(@"class\s+TRAIN\s+TEST\s+TEST_SIMPLE\s+total\s+pool", text);
        Assert.Matches(@"EOSINOPHIL\s+4\s+4\s+4\s+12\s+8", text);
        Assert.Matches(@"total\s+16\s+16\s+16\s+48\s+32", text);
        Assert.Contains("TRAIN + TEST = 32 images. Scanned, not in the pool: TEST_SIMPLE (16).", text);
        Assert.Contains("| EOSINOPHIL | 4 | 4 | 4 | 12 | 8 |", report.ToMarkdown());

        // Training still sees the pool only: the default load leaves TEST_SIMPLE out.
        Assert.Equal(32, DataSets.Load("bccd", temp.Path).Count);
    }

    [Fact]
    public void WithoutTestSimpleEveryScannedFolderIsThePoolAndNoPoolColumnIsShown()
    {
        using var temp = new TempDirectory();
        TinyLayouts.Bccd(temp.Path, sources: 1, copies: 2, "TRAIN", "TEST");
        var data = DataSets.LoadEverything("bccd", temp.Path);
        Assert.Equal(["TRAIN", "TEST"], data.SplitNames);
        Assert.Empty(data.Warnings);
        var report = DataChecker.Check(data);
        Assert.Empty(report.PoolSplits);
        Assert.DoesNotContain("pool", report.ToText());
    }

    [Fact]
    public void RealBccdCheckCountsAllThreeFoldersAndFindsTheTestSimplePairs()
    {
        var data = DataSets.LoadEverything("bccd", RealData.Root);
        Assert.Equal(12_515, data.Count);
        var bySplit = data.CountsPerClassBySplit();
        Assert.Equal([13, 6, 4, 48], bySplit["TEST_SIMPLE"]);
        Assert.Equal([2497, 2483, 2478, 2499], bySplit["TRAIN"]);
        Assert.Equal([623, 620, 620, 624], bySplit["TEST"]);
        Assert.Empty(data.Warnings);

        var report = DataChecker.Check(data);
        Assert.Equal(["TRAIN", "TEST"], report.PoolSplits);
        Assert.Contains("TRAIN + TEST = 12,444 images. Scanned, not in the pool: TEST_SIMPLE (71).", report.ToText());
        var pairs = report.Duplicates.Select(d => string.Join(" = ", d.Members.Select(m => Path.GetFileName(m.RelativePath)).Order())).ToList();
        Assert.Equal(["_0_5239.jpeg = _4_8814.jpeg", "_1_5031.jpeg = _6_7701.jpeg"], pairs);
        Assert.All(report.Duplicates, d => Assert.All(d.Members, m => Assert.Equal("TEST_SIMPLE", m.Split)));
    }

    [Fact]
    public void PbcLoadsTheSameForACheckAsForTraining()
    {
        Assert.Equal(RealData.Pbc.Count, DataSets.LoadEverything("pbc", RealData.Root).Count);
        Assert.Equal(RealData.PbcFine.Count, DataSets.LoadEverything("PBC-fine", RealData.Root).Count);
    }
}
