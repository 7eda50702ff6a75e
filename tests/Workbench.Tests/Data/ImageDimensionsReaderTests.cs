using Workbench.Data;

namespace Workbench.Tests.Data;

public class ImageDimensionsReaderTests
{
    [Fact]
    public void ReadsPngHeader()
    {
        Assert.Equal((13, 7), ImageDimensionsReader.TryRead(TinyPng.Solid(13, 7, 1, 2, 3), out _));
    }

    [Fact]
    public void ReadsJpegFrameHeaders()
    {
        var pbc = File.ReadAllBytes(Path.Combine(RealData.PbcFolder, "monocyte", "MO_997225.jpg"));
        Assert.Equal((192, 192), ImageDimensionsReader.TryRead(pbc, out _));
        var bccd = File.ReadAllBytes(Directory.GetFiles(Path.Combine(RealData.BccdImages, "TEST", "MONOCYTE")).Order().First());
        Assert.Equal((320, 240), ImageDimensionsReader.TryRead(bccd, out _));
    }

    [Fact]
    public void HandMadeJpegSegmentsAreWalked()
    {
        // SOI, APP0 with 4 payload bytes, SOF2 (progressive) 3x5 -> width 5, height 3.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x06, 1, 2, 3, 4, 0xFF, 0xC2, 0x00, 0x11, 8, 0x00, 0x03, 0x00, 0x05, 3];
        Assert.Equal((5, 3), ImageDimensionsReader.TryRead(jpeg, out var reason));
        Assert.Null(reason);
    }

    [Fact]
    public void TruncatedAndForeignBytesGiveAReason()
    {
        Assert.Null(ImageDimensionsReader.TryRead([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0, 0], out var truncated));
        Assert.Contains("truncated", truncated);
        Assert.Null(ImageDimensionsReader.TryRead([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02], out var noFrame));
        Assert.Contains("SOF", noFrame);
        Assert.Null(ImageDimensionsReader.TryRead("GIF89a"u8, out var foreign));
        Assert.Contains("not a JPEG, PNG or TIFF", foreign);
    }
}
