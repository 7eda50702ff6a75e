using Workbench.Data;
using Workbench.Engine;

namespace Workbench.Tests.Data;

/// <summary>The data layer over the engine's real decoder (libjpeg-turbo / libpng).</summary>
public class RealDecoderTests
{
    [Fact]
    public void CorruptAndTruncatedImagesAreSkippedWithAReasonNotACrash()
    {
        using var temp = new TempDirectory();
        var layout = TinyLayouts.Pbc(temp.Path, perFolder: 1);
        var realJpeg = Directory.GetFiles(Path.Combine(RealData.PbcFolder, "basophil")).Order().First();
        var bytes = File.ReadAllBytes(realJpeg);
        var basophil = Path.Combine(layout, "basophil");
        File.Copy(realJpeg, Path.Combine(basophil, "BA_good.jpg"));
        File.WriteAllBytes(Path.Combine(basophil, "BA_truncated.jpg"), bytes[..(bytes.Length / 3)]);
        var garbage = new byte[4000];
        new Random(1).NextBytes(garbage);
        garbage[0] = 0xFF; garbage[1] = 0xD8; garbage[2] = 0xFF; // passes the listing sniff, not the decoder
        File.WriteAllBytes(Path.Combine(basophil, "BA_garbage.jpg"), garbage);
        File.WriteAllText(Path.Combine(basophil, "BA_text.jpg"), "this is not an image");

        var data = DataSets.Load("pbc", temp.Path);
        Assert.Contains(data.Skipped, s => s.RelativePath == "basophil/BA_text.jpg" && s.Reason.Contains("not an image"));
        Assert.Equal(8 + 3, data.Count);

        using var images = new ImageCache(temp.Folder("cache")).Load(data, 16);
        Assert.Equal(["basophil/BA_garbage.jpg", "basophil/BA_truncated.jpg"], images.DecodeFailures.Select(f => f.RelativePath));
        Assert.All(images.DecodeFailures, f => Assert.Contains("cannot be decoded", f.Reason));
        Assert.Equal(9, images.Data.Count);
        int good = images.Data.Samples.Single(s => s.RelativePath == "basophil/BA_good.jpg").Id;
        Assert.Equal(new ImageSize(192, 192), images.OriginalSizes[good]);
        int png = images.Data.Samples.Single(s => s.RelativePath.StartsWith("platelet/")).Id;
        Assert.Equal(new ImageSize(8, 8), images.OriginalSizes[png]);
    }

    [Fact]
    public void DecoderNamesTheFileOfATruncatedJpeg()
    {
        using var temp = new TempDirectory();
        var realJpeg = Directory.GetFiles(Path.Combine(RealData.PbcFolder, "eosinophil")).Order().First();
        var truncated = Path.Combine(temp.Path, "cut.jpg");
        File.WriteAllBytes(truncated, File.ReadAllBytes(realJpeg)[..1000]);
        var error = Assert.Throws<EngineException>(() => ImageDecoder.Decode(truncated, 8));
        Assert.Contains("cut.jpg", error.Message);
    }

    [Fact]
    public void RealTestSimpleDecodesThroughTheCache()
    {
        var simple = DataSets.Load("bccd", RealData.Root, new DataSetOptions { BccdSplits = ["TEST_SIMPLE"] });
        using var temp = new TempDirectory();
        using var images = new ImageCache(temp.Path).Load(simple, 16);
        Assert.Empty(images.DecodeFailures);
        Assert.Equal(71, images.Images.Count);
        Assert.All(images.OriginalSizes, s => Assert.Equal(new ImageSize(320, 240), s));
        // Blood-cell smears are bright: the mean pixel is far from black, and images differ.
        Assert.InRange(images.Images.Image(0).ToArray().Average(b => b), 80, 250);
        Assert.NotEqual(images.Images.Image(0).ToArray(), images.Images.Image(1).ToArray());
        Assert.True(File.Exists(Path.Combine(temp.Path, "bccd-test-simple-16px.wbcache")));
    }
}
