using Workbench.Data;

namespace Workbench.Tests.Data;

public class PbcLoaderTests
{
    [Fact]
    public void CoarseLabelsAreTheEightFoldersWithReadmeCounts()
    {
        var pbc = RealData.Pbc;
        Assert.Equal(17_092, pbc.Count);
        Assert.Equal(["basophil", "eosinophil", "erythroblast", "ig", "lymphocyte", "monocyte", "neutrophil", "platelet"], pbc.ClassNames);
        Assert.Equal([1218, 3117, 1551, 2895, 1214, 1420, 3329, 2348], pbc.CountsPerClass());
        Assert.All(pbc.Samples, s => Assert.Null(s.Split));
        Assert.All(pbc.Samples, s => Assert.Equal(-1, s.SourceGroup));
    }

    [Fact]
    public void JunkFileIsSkippedByContentWithAReason()
    {
        var skipped = Assert.Single(RealData.Pbc.Skipped);
        Assert.Equal("neutrophil/.DS_169665.jpg", skipped.RelativePath);
        Assert.Contains("not an image", skipped.Reason);
        Assert.Contains("00000001", skipped.Reason); // the .DS_Store magic, so the user sees what it is
        Assert.DoesNotContain(RealData.Pbc.Samples, s => s.RelativePath.Contains(".DS_"));
        Assert.Empty(RealData.Pbc.Warnings);
    }

    [Fact]
    public void FineTaskHasElevenClassesFromThePrefixes()
    {
        var fine = RealData.PbcFine;
        Assert.Equal(["BA", "EO", "ERB", "LY", "MO", "PLATELET", "MMY", "MY", "PMY", "BNE", "SNE"], fine.ClassCodes);
        Assert.Equal("metamyelocyte", fine.ClassNames[6]);
        Assert.Equal("band neutrophil", fine.ClassNames[9]);
        Assert.Equal("segmented neutrophil", fine.ClassNames[10]);
        Assert.Equal([1218, 3117, 1551, 1214, 1420, 2348, 1015, 1137, 592, 1633, 1646], fine.CountsPerClass());
        Assert.Equal(17_092 - 151 - 50, fine.Count);
        Assert.Contains(fine.Notes, n => n.Contains("IG_ 151") && n.Contains("NEUTROPHIL_ 50"));
        Assert.All(fine.Samples, s =>
            Assert.StartsWith(fine.ClassCodes[s.Label] + "_", Path.GetFileName(s.RelativePath)));
        Assert.Single(fine.Skipped); // only the junk file, not the dropped groups
    }

    [Fact]
    public void UnspecifiedFineGroupsCanBeKept()
    {
        var fine = DataSets.Load("pbc-fine", RealData.Root, new DataSetOptions { KeepUnspecifiedFineClasses = true });
        Assert.Equal(13, fine.ClassNames.Count);
        Assert.Equal(17_092, fine.Count);
        Assert.Equal(151, fine.CountsPerClass()[fine.ClassCodes.ToList().IndexOf("IG")]);
        Assert.Equal(50, fine.CountsPerClass()[fine.ClassCodes.ToList().IndexOf("NEUTROPHIL")]);
        Assert.Equal("pbc-fine-all", fine.CacheKey);
        Assert.Empty(fine.Notes);
    }

    [Fact]
    public void AcceptsTheLayoutFolderAsRoot()
    {
        Assert.Equal(17_092, DataSets.Load("pbc", RealData.PbcFolder).Count);
        Assert.Equal(17_092, DataSets.Load("pbc", Path.Combine(RealData.Root, "pbc")).Count);
    }

    [Fact]
    public void MissingClassFolderIsAnErrorNamingIt()
    {
        using var temp = new TempDirectory();
        var layout = TinyLayouts.Pbc(temp.Path, perFolder: 1);
        Directory.Delete(Path.Combine(layout, "platelet"), recursive: true);
        var error = Assert.Throws<DataSetException>(() => DataSets.Load("pbc", temp.Path));
        Assert.Contains(Path.Combine(layout, "platelet"), error.Message);
    }

    [Fact]
    public void EmptyClassFolderIsReportedAndRefusedForTraining()
    {
        using var temp = new TempDirectory();
        var layout = TinyLayouts.Pbc(temp.Path, perFolder: 3);
        foreach (var file in Directory.GetFiles(Path.Combine(layout, "monocyte")))
            File.Delete(file);
        var pbc = DataSets.Load("pbc", temp.Path);
        Assert.Equal(21, pbc.Count);
        Assert.Contains(pbc.Warnings, w => w.StartsWith("empty class folder: monocyte/"));
        var error = Assert.Throws<DataSetException>(() => pbc.EnsureUsableForTraining());
        Assert.Contains("monocyte", error.Message);
        Assert.Throws<DataSetException>(() => Splits.StratifiedTestCount(pbc, 1, seed: 0));

        var fine = DataSets.Load("pbc-fine", temp.Path);
        Assert.Contains(fine.Warnings, w => w.Contains("fine class MO (monocyte) has no images"));
    }

    [Fact]
    public void NonImagesAndUnknownPrefixesAreSkippedWithReasons()
    {
        using var temp = new TempDirectory();
        var layout = TinyLayouts.Pbc(temp.Path, perFolder: 2);
        File.WriteAllText(Path.Combine(layout, "basophil", "notes.jpg"), "hello");
        File.WriteAllBytes(Path.Combine(layout, "basophil", "empty.jpg"), []);
        File.WriteAllBytes(Path.Combine(layout, "ig", "XYZ_1.png"), TinyPng.Solid(2, 2, 1, 2, 3));
        var coarse = DataSets.Load("pbc", temp.Path);
        Assert.Equal(17, coarse.Count); // the unknown prefix is still an ig image for the coarse task
        Assert.Equal(["basophil/empty.jpg", "basophil/notes.jpg"], coarse.Skipped.Select(s => s.RelativePath));
        Assert.Contains("empty file", coarse.Skipped[0].Reason);
        Assert.Contains(Convert.ToHexString("hello"u8), coarse.Skipped[1].Reason);

        var fine = DataSets.Load("pbc-fine", temp.Path);
        Assert.Contains(fine.Skipped, s => s.RelativePath == "ig/XYZ_1.png" && s.Reason.Contains("'XYZ'"));
    }
}
