using Workbench.Data;
using Workbench.Engine;

namespace Workbench.Tests.Data;

/// <summary>A user's own folder and manifest: layout, every defect the data check reports, TIFF and CMYK decoding, splits.</summary>
public class OwnDataTests
{
    private static int _colour;

    // Every image gets its own colour, so only the copies a test makes on purpose are duplicates.
    private static void Png(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        int c = Interlocked.Increment(ref _colour);
        File.WriteAllBytes(path, TinyPng.Solid(12, 10, (byte)c, (byte)(c >> 8), 77));
    }

    private static string Layout(TempDirectory temp)
    {
        var root = temp.Folder("cells");
        foreach (var cls in new[] { "band", "segmented" })
            for (int i = 0; i < 3; i++) Png(Path.Combine(root, "labelled", cls, i == 2 ? "deep/er" : "", $"{cls}{i}.png"));
        for (int i = 0; i < 4; i++) Png(Path.Combine(root, "unlabelled", "slide1", "x", $"u{i}.png"));
        Png(Path.Combine(root, "test", "band", "t0.png"));
        return root;
    }

    [Fact]
    public void FolderLayoutGivesClassesFromFoldersUnlabelledPoolAndTestPart()
    {
        using var temp = new TempDirectory();
        var root = Layout(temp);
        var set = DataSets.Load("folder:" + root, "ignored-data-root");
        Assert.True(set.IsOwnData);
        Assert.Equal("folder:" + root, set.Name);
        Assert.Equal(["band", "segmented"], set.ClassNames);
        Assert.Equal(11, set.Count);
        Assert.Equal(4, set.UnlabelledCount);
        Assert.Contains(set.Samples, s => s.RelativePath == "labelled/band/deep/er/band2.png" && s.ClassName == "band");
        Assert.All(set.Samples.Where(s => s.Split == OwnData.UnlabelledSplit), s => Assert.Equal((Sample.NoLabel, ""), (s.Label, s.ClassName)));
        Assert.Empty(set.Warnings);

        var split = Splits.Create("provided", set, 0);
        Assert.Equal(10, split.TrainIds.Count);
        Assert.Equal("test/band/t0.png", set.Samples[Assert.Single(split.TestIds)].RelativePath);
        Assert.Equal(SplitName.Provided, OwnDataSplits.DefaultSplit(set));
        Assert.Throws<DataSetException>(() => Splits.Create("stratified", set, 0)); // it has its own test part
        Assert.Throws<ArgumentException>(() => Splits.Create("paper", set, 0));
        Assert.Equal(set.Name, DataSets.Load(root, "").Name); // a bare path works too
    }

    [Fact]
    public void EveryDefectOfAFolderIsReportedByTheCheck()
    {
        using var temp = new TempDirectory();
        var root = Layout(temp);
        File.WriteAllText(Path.Combine(root, "labelled", "stray.png"), "loose");
        Png(Path.Combine(root, "labelled", "loose.png"));
        temp.Folder("cells", "labelled", "empty");
        temp.Folder("cells", "labeled");
        File.WriteAllText(Path.Combine(root, "unlabelled", ".DS_Store"), "not an image");
        Png(Path.Combine(root, "test", "onlytest", "t.png"));
        File.Copy(Path.Combine(root, "labelled", "band", "band0.png"), Path.Combine(root, "unlabelled", "again.png"));
        File.Copy(Path.Combine(root, "labelled", "band", "band1.png"), Path.Combine(root, "labelled", "segmented", "same-as-band1.png"));
        var good = File.ReadAllBytes(Path.Combine(root, "labelled", "band", "band0.png"));
        File.WriteAllBytes(Path.Combine(root, "unlabelled", "truncated.png"), good[..(good.Length - 20)]);

        var set = OwnData.Load(root);
        Assert.Contains(set.Skipped, s => s.RelativePath == "labelled/loose.png" && s.Reason.Contains("no class folder"));
        Assert.Contains(set.Skipped, s => s.RelativePath == "labelled/stray.png");
        Assert.Contains(set.Skipped, s => s.RelativePath == "unlabelled/.DS_Store" && s.Reason.Contains("not an image"));
        Assert.Contains(set.Warnings, w => w.Contains("empty class folder: labelled/empty/"));
        Assert.Contains(set.Warnings, w => w.Contains("unexpected folder ignored: labeled/"));
        Assert.Contains(set.Warnings, w => w.Contains("'onlytest' has test images but no labelled ones"));

        var report = DataChecker.Check(set, decode: ImageCache.DecodeWithEngine);
        Assert.True(report.Decoded);
        Assert.Equal("unlabelled/truncated.png", Assert.Single(report.Unreadable).RelativePath); // its header is fine: found by decoding
        var both = Assert.Single(report.LabelledAndUnlabelledDuplicates);
        Assert.Equal(["labelled/band/band0.png", "unlabelled/again.png"], both.Members.Select(m => m.RelativePath));
        var conflict = Assert.Single(report.ConflictingDuplicates);
        Assert.Equal(["band", "segmented"], conflict.Members.Select(m => m.ClassName));
        Assert.Equal(6, report.UnlabelledCount);
        Assert.False(report.IsClean);
        var text = report.ToText();
        Assert.Contains("LABELLED AND UNLABELLED: labelled/band/band0.png [band] == unlabelled/again.png [unlabelled]", text);
        Assert.Contains("Unlabelled (the pool): 6 images.", text);
        Assert.Contains("every image decoded", text);
    }

    [Fact]
    public void ManifestRowsThatCannotBeUsedAreSkippedWithTheirLine()
    {
        using var temp = new TempDirectory();
        var root = temp.Folder("m");
        foreach (var name in new[] { "a1.png", "a2.png", "b1.png", "b2.png", "u1.png", "u2.png", "t1.png", "with,comma.png" })
            Png(Path.Combine(root, "img", name));
        File.WriteAllText(Path.Combine(root, "manifest.csv"), string.Join("\n",
            "path,label,split,group,notes",
            "img/a1.png,A,,s1,", "img/a2.png,A,labelled,s2,", "img/b1.png,B,,s1,", "\"img/with,comma.png\",B,,s3,",
            "img/u1.png,,,s1,", "img/u2.png,,unlabelled,,", "img/t1.png,A,test,s1,",
            "img/missing.png,A,,,", "img/a1.png,B,,,", "img/b2.png,,test,,", "img/u2.png,,,,", "img/b2.png,B,validation,,",
            "img/u1.png,A,unlabelled,,") + "\n");

        var set = OwnData.Load(Path.Combine(root, "manifest.csv"));
        Assert.Equal(["A", "B"], set.ClassNames);
        Assert.Equal(["img/a1.png", "img/a2.png", "img/b1.png", "img/with,comma.png", "img/u1.png", "img/u2.png", "img/t1.png"],
            set.Samples.Select(s => s.RelativePath));
        string Reason(int line) => Assert.Single(set.Skipped, s => s.Reason.StartsWith($"manifest line {line}:")).Reason;
        Assert.Contains("file not found", Reason(9));
        Assert.Contains("listed again with another label ('A' there, 'B' here); line 2 is used", Reason(10));
        Assert.Contains("a test image needs a label", Reason(11));
        Assert.Contains("listed again; line 7 is used", Reason(12));
        Assert.Contains("split 'validation' is not one of", Reason(13));
        Assert.Contains("listed again", Reason(14));
        Assert.Contains(set.Warnings, w => w.Contains("column 'notes' is not used"));
        Assert.Contains(set.Warnings, w => w.Contains("group 's1' has images in test and outside it"));
        Assert.Equal(set.Samples[0].SourceGroup, set.Samples[2].SourceGroup);
        Assert.Equal(-1, set.Samples[5].SourceGroup);

        // A folder holding manifest.csv (and no labelled/) is read through it.
        Assert.Equal(set.Count, OwnData.Load("folder:" + root).Count);
    }

    [Fact]
    public void GroupsGiveAGroupedHeldOutSplitByDefault()
    {
        using var temp = new TempDirectory();
        var root = temp.Folder("g");
        var lines = new List<string> { "path,label,split,group" };
        for (int i = 0; i < 40; i++)
        {
            Png(Path.Combine(root, $"l{i}.png"));
            lines.Add($"l{i}.png,{(i % 2 == 0 ? "A" : "B")},,patient{i / 4}");
        }
        for (int i = 0; i < 5; i++)
        {
            Png(Path.Combine(root, $"u{i}.png"));
            lines.Add($"u{i}.png,,,");
        }
        File.WriteAllText(Path.Combine(root, "manifest.csv"), string.Join("\n", lines));
        var set = OwnData.Load(root);
        Assert.Equal(SplitName.Grouped, OwnDataSplits.DefaultSplit(set));
        var split = Splits.Create("grouped", set, 3);
        Assert.InRange(split.TestIds.Count, 4, 12);
        Assert.All(split.TestIds, id => Assert.True(set.Samples[id].IsLabelled));
        var testGroups = split.TestIds.Select(id => set.Samples[id].SourceGroup).ToHashSet();
        Assert.DoesNotContain(split.TrainIds, id => testGroups.Contains(set.Samples[id].SourceGroup) && set.Samples[id].IsLabelled);
        Assert.Equal(5, split.TrainIds.Count(id => !set.Samples[id].IsLabelled)); // the pool always trains
    }

    [Fact]
    public void MissingOrEmptyOwnDataIsAClearError()
    {
        using var temp = new TempDirectory();
        var missing = Assert.Throws<DataSetException>(() => OwnData.Load(Path.Combine(temp.Path, "nope")));
        Assert.Contains("does not exist", missing.Message);
        var empty = Assert.Throws<DataSetException>(() => OwnData.Load(temp.Folder("empty")));
        Assert.Contains("neither a labelled/ folder", empty.Message);
        temp.Folder("nolabels", "labelled");
        Png(Path.Combine(temp.Path, "nolabels", "unlabelled", "u.png"));
        Assert.Contains("no labelled image", Assert.Throws<DataSetException>(() => OwnData.Load(Path.Combine(temp.Path, "nolabels"))).Message);
    }

    [Fact]
    public void TiffAndCmykJpegDecodeToRgb()
    {
        using var temp = new TempDirectory();
        var grey16 = Path.Combine(temp.Path, "g16.tif");
        File.WriteAllBytes(grey16, TinyTiff.Solid(8, 6, 16, 40_000));
        var grey8 = Path.Combine(temp.Path, "g8.tif");
        File.WriteAllBytes(grey8, TinyTiff.Solid(5, 4, 8, 77));
        var rgb = Path.Combine(temp.Path, "rgb.tif");
        File.WriteAllBytes(rgb, TinyTiff.Solid(7, 3, 8, 10, 120, 230));

        var g16 = ImageDecoder.Decode(grey16, 4);
        Assert.Equal((8, 6), (g16.OriginalWidth, g16.OriginalHeight));
        Assert.All(g16.Pixels, p => Assert.InRange(p, 155, 156)); // 40000 / 65535 * 255 = 155.6
        Assert.All(ImageDecoder.Decode(grey8, 4).Pixels, p => Assert.Equal(77, p));
        var colour = ImageDecoder.Decode(rgb, 2).Pixels;
        Assert.Equal(new byte[] { 10, 120, 230 }, colour[..3]);
        Assert.Equal((7, 3), ImageDimensionsReader.TryRead(File.ReadAllBytes(rgb), out _));
        Assert.Equal(ImageFormat.Tiff, ImageFormatSniffer.DetectFile(rgb).Format);

        // Pillow's CMYK (0, 255, 255, 0) = red, stored with Adobe's inverted inks.
        var cmyk = ImageDecoder.Decode(Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "cmyk-red.jpg"), 2).Pixels;
        Assert.Equal(new byte[] { 255, 0, 0 }, cmyk[..3]);

        var broken = Path.Combine(temp.Path, "broken.tif");
        File.WriteAllBytes(broken, File.ReadAllBytes(rgb)[..40]);
        var error = Assert.Throws<EngineException>(() => ImageDecoder.Decode(broken, 4));
        Assert.Contains("broken.tif", error.Message);
    }
}
