using Workbench.Data;

namespace Workbench.Tests.Data;

public class DataCheckerTests
{
    private static readonly Lazy<DataCheckReport> PbcReport = new(() => DataChecker.Check(RealData.Pbc));

    [Fact]
    public void PbcCheckFindsTheConflictingDuplicatePair()
    {
        var report = PbcReport.Value;
        Assert.Equal(17, report.Duplicates.Count);
        Assert.All(report.Duplicates, d => Assert.Equal(2, d.Members.Count));
        var conflict = Assert.Single(report.ConflictingDuplicates);
        Assert.Equal(["eosinophil/EO_225902.jpg", "neutrophil/BNE_191112.jpg"], conflict.Members.Select(m => m.RelativePath).Order());
        var withinClass = report.Duplicates.Where(d => !d.HasConflictingLabels)
            .GroupBy(d => d.Members[0].ClassName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["basophil"] = 6, ["eosinophil"] = 6, ["ig"] = 3, ["monocyte"] = 1 }, withinClass);
        Assert.False(report.IsClean);
    }

    [Fact]
    public void PbcCheckReportsSizesCountsAndTheJunkFile()
    {
        var report = PbcReport.Value;
        Assert.Equal(17_092, report.SampleCount);
        Assert.Equal([new ImageSizeCount(192, 192, 17_092)], report.ImageSizes);
        Assert.Empty(report.Unreadable);
        Assert.Equal("neutrophil/.DS_169665.jpg", Assert.Single(report.Skipped).RelativePath);
        Assert.Equal(3_329, report.Counts.Single(c => c.ClassName == "neutrophil").Count);

        var text = report.ToText();
        Assert.Contains("17,092", text);
        Assert.Contains("192x192", text);
        Assert.Contains("neutrophil/.DS_169665.jpg", text);
        Assert.Contains("CONFLICTING LABELS: eosinophil/EO_225902.jpg [eosinophil] == neutrophil/BNE_191112.jpg [neutrophil]", text);
        var markdown = report.ToMarkdown();
        Assert.Contains("| class | total |", markdown);
        Assert.Contains("| neutrophil | 3,329 |", markdown);
        Assert.Contains("`neutrophil/BNE_191112.jpg`", markdown);
    }

    [Fact]
    public void BccdCheckFindsTheTwoTestSimplePairs()
    {
        var report = DataChecker.Check(RealData.BccdAllSplits);
        Assert.Equal([new ImageSizeCount(320, 240, 12_515)], report.ImageSizes);
        Assert.Equal(2, report.Duplicates.Count);
        Assert.Empty(report.ConflictingDuplicates);
        var pairs = report.Duplicates.Select(d => string.Join(" ", d.Members.Select(m => m.RelativePath).Order())).Order();
        Assert.Equal(
        [
            "TEST_SIMPLE/EOSINOPHIL/_0_5239.jpeg TEST_SIMPLE/EOSINOPHIL/_4_8814.jpeg",
            "TEST_SIMPLE/EOSINOPHIL/_1_5031.jpeg TEST_SIMPLE/EOSINOPHIL/_6_7701.jpeg",
        ], pairs);
        Assert.Equal(2_497, report.Counts.Single(c => c.Split == "TRAIN" && c.ClassName == "EOSINOPHIL").Count);
        Assert.Equal(48, report.Counts.Single(c => c.Split == "TEST_SIMPLE" && c.ClassName == "NEUTROPHIL").Count);
        Assert.True(report.IsClean);
        Assert.Contains("TEST_SIMPLE", report.ToText());
    }

    [Fact]
    public void UnreadableHeaderIsReported()
    {
        using var temp = new TempDirectory();
        var layout = TinyLayouts.Pbc(temp.Path, perFolder: 1);
        File.WriteAllBytes(Path.Combine(layout, "ig", "MY_7.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0x00]);
        var report = DataChecker.Check(DataSets.Load("pbc", temp.Path));
        var unreadable = Assert.Single(report.Unreadable);
        Assert.Equal("ig/MY_7.jpg", unreadable.RelativePath);
        Assert.Contains("header unreadable", unreadable.Reason);
        Assert.Equal([new ImageSizeCount(8, 8, 8)], report.ImageSizes);
        Assert.False(report.IsClean);
    }
}
