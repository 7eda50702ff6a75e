using Workbench.Engine;


namespace Workbench.Tests.Engine;

public class ImageDecoderTests
{
    private static string BccdImage() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets", "bccd", "dataset2-master", "images", "TRAIN", "EOSINOPHIL")).Order().First();

    [Fact]
    public void DecodesARealJpegAndReportsItsOriginalSize()
    {
        var image = ImageDecoder.Decode(BccdImage(), 64);
        Assert.Equal(64 * 64 * 3, image.Pixels.Length);
        Assert.Equal((320, 240), (image.OriginalWidth, image.OriginalHeight));
        Assert.True(image.Pixels.Distinct().Count() > 50, "decoded image is (nearly) constant");
    }

    [Fact]
    public void NonImageAndTruncatedFilesAreClearErrors()
    {
        var directory = Directory.CreateTempSubdirectory("wb-decode-");
        try
        {
            var text = Path.Combine(directory.FullName, "notes.jpg");
            File.WriteAllText(text, "Bud1 this is a .DS_Store");
            Assert.Contains("not a JPEG, PNG or TIFF", Assert.Throws<EngineException>(() => ImageDecoder.Decode(text, 32)).Message);

            var bytes = File.ReadAllBytes(BccdImage());
            var truncated = Path.Combine(directory.FullName, "cut.jpeg");
            File.WriteAllBytes(truncated, bytes[..(bytes.Length / 3)]);
            Assert.Contains("cut.jpeg", Assert.Throws<EngineException>(() => ImageDecoder.Decode(truncated, 32)).Message);

            Assert.Throws<EngineException>(() => ImageDecoder.Decode(Path.Combine(directory.FullName, "absent.jpg"), 32));
        }
        finally { directory.Delete(true); }
    }
}
