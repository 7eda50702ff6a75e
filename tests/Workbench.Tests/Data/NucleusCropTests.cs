// NucleusCropTests.cs: tests (Workbench.Tests, data layer) of the nucleus-centred crop: where it lies, what it holds,
// and that its images are cached apart from whole frames.
using Workbench.Data;

namespace Workbench.Tests.Data;

public class NucleusCropTests
{
    private static readonly ImageSize Bccd = new(320, 240);
    private static readonly (byte R, byte G, byte B) Pink = (225, 170, 180), Blue = (90, 60, 200), Grey = (200, 200, 200);

    [Fact]
    public void TheCropIsCentredOnTheBlueBlobNotOnTheImage()
    {
        // A nucleus at (100, 150) of a 320x240 frame: a 60 px crop spans x 70..130, y 120..180 (the image centre would give 130, 90).
        var square = Squashed(Bccd, (x, y) => Disc(x, y, 100, 150, 14) ? Blue : Pink);
        var output = new byte[30 * 30 * 3];
        var window = NucleusCrop.Apply(square, 320, Bccd, 60, 30, output);
        Assert.True(window.NucleusFound);
        Assert.Equal(60, window.Side);
        Assert.InRange(window.X, 69, 71);
        Assert.InRange(window.Y, 119, 121);
        // The model sees the nucleus in the middle of its input, at its true aspect (14 of 60 px radius: ~7 of 30).
        var (cx, cy, radiusX, radiusY) = BlueExtent(output, 30);
        Assert.InRange(cx, 14, 16);
        Assert.InRange(cy, 14, 16);
        Assert.InRange(radiusX, 6, 8);
        Assert.InRange(radiusY, 6, 8);
    }

    [Fact]
    public void ACropThatWouldStickOutIsMovedInsideTheFrame()
    {
        var square = Squashed(Bccd, (x, y) => Disc(x, y, 12, 230, 8) ? Blue : Pink);
        var window = NucleusCrop.Apply(square, 320, Bccd, 60, 30, new byte[30 * 30 * 3]);
        Assert.Equal(new CropWindow(0, 180, 60, NucleusFound: true), window);
    }

    [Fact]
    public void ACropLargerThanTheShorterSideShrinksToIt()
    {
        Assert.Equal(new CropWindow(0, 0, 240, true), NucleusCrop.Window(Bccd, (10, 10), 300));
        Assert.Equal(new CropWindow(80, 0, 240, true), NucleusCrop.Window(Bccd, (200, 120), 500));
    }

    [Fact]
    public void WithoutANucleusTheCropFallsBackToTheImageCentreAndSaysSo()
    {
        var square = Squashed(Bccd, (_, _) => Grey);
        var output = new byte[16 * 16 * 3];
        var window = NucleusCrop.Apply(square, 320, Bccd, 60, 16, output);
        Assert.Equal(new CropWindow(130, 90, 60, NucleusFound: false), window);
        Assert.All(output, b => Assert.Equal(200, b));
    }

    [Fact]
    public void BadCropSidesAreRefusedWithOneLine()
    {
        Assert.Null(NucleusCrop.Problem(0));
        Assert.Null(NucleusCrop.Problem(120));
        foreach (var bad in new[] { -1, 3, NucleusCrop.MaxPixels + 1 })
        {
            var problem = NucleusCrop.Problem(bad);
            Assert.NotNull(problem);
            Assert.Contains(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), problem);
            Assert.DoesNotContain('\n', problem);
        }
        Assert.Equal("", NucleusCrop.Tag(0));
        Assert.Equal("-crop120", NucleusCrop.Tag(120));
    }

    [Fact]
    public void ACropIsCachedInItsOwnFileAndNeverServedWholeFrames()
    {
        using var temp = new TempDirectory();
        TinyLayouts.Pbc(temp.Path, perFolder: 1);
        var data = DataSets.Load("pbc", temp.Path);
        var cacheDirectory = temp.Folder("cache");
        var cache = new ImageCache(cacheDirectory, new FakeDecoder().Decode);
        using (var whole = cache.Load(data, 6))
            Assert.True(whole.Rebuilt);

        // The whole-frame file exists; the crop must not be read from it.
        using (var cropped = cache.Load(data, 6, crop: 8))
        {
            Assert.True(cropped.Rebuilt);
            Assert.Equal(8, cropped.Crop);
            Assert.Contains("cropped to 8 px", cropped.Status);
            Assert.Contains(Enumerable.Range(0, cropped.Data.Count),
                i => !cropped.Images.Image(i).SequenceEqual(FakeDecoder.Expected(data.FullPath(data.Samples[i]), 6)));
        }
        Assert.Equal(["pbc-6px.wbcache", "pbc-crop8-6px.wbcache"], Directory.GetFiles(cacheDirectory).Select(Path.GetFileName).Order());

        // Each is read back from its own file, unchanged.
        var second = new FakeDecoder();
        var again = new ImageCache(cacheDirectory, second.Decode);
        using var wholeAgain = again.Load(data, 6);
        using var croppedAgain = again.Load(data, 6, crop: 8);
        Assert.False(wholeAgain.Rebuilt);
        Assert.False(croppedAgain.Rebuilt);
        Assert.Equal(0, second.Calls);
        Assert.Equal(0, wholeAgain.Crop);
        for (int i = 0; i < wholeAgain.Data.Count; i++)
            Assert.Equal(FakeDecoder.Expected(data.FullPath(data.Samples[i]), 6), wholeAgain.Images.Image(i).ToArray());

        // Another crop side is another file again.
        using var other = again.Load(data, 6, crop: 10);
        Assert.True(other.Rebuilt);
        Assert.NotEqual(cache.PathFor(data, 6, 8), cache.PathFor(data, 6, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Load(data, 6, crop: -4));
    }

    [Fact]
    public void CentredFallbacksAreCountedAndRemembered()
    {
        using var temp = new TempDirectory();
        var layout = TinyLayouts.Pbc(temp.Path, perFolder: 1);
        // Solid grey images have no pixel bluer than the rest; one image has a nucleus (under 3% of it, like a real one).
        foreach (var file in Directory.GetFiles(layout, "*.png", SearchOption.AllDirectories))
            File.WriteAllBytes(file, file.EndsWith("EO_1000.png", StringComparison.Ordinal)
                ? TinyPng.Encode(40, 40, (x, y) => Disc(x, y, 10, 12, 3) ? Blue : Pink) : TinyPng.Solid(40, 40, 200, 200, 200));
        var data = DataSets.Load("pbc", temp.Path);
        var centred = data.Samples.Select(s => s.RelativePath).Where(p => p != "eosinophil/EO_1000.png").Order().ToList();
        var cacheDirectory = temp.Folder("cache");
        foreach (var expectRebuilt in new[] { true, false })
        {
            using var cropped = new ImageCache(cacheDirectory, ImageCache.DecodeWithEngine).Load(data, 4, crop: 8);
            Assert.Equal(expectRebuilt, cropped.Rebuilt);
            Assert.Equal(centred, cropped.CentredCrops.Order());
            Assert.Contains($"{centred.Count} without a nucleus found", cropped.Status);
        }
    }

    [Fact]
    public void TheEngineDecodedImageIsCroppedAroundItsNucleus()
    {
        // A real 4:3 PNG through the engine's decoder, which squashes it to a square before the crop is cut.
        using var temp = new TempDirectory();
        var layout = TinyLayouts.Pbc(temp.Path, perFolder: 1);
        var file = Path.Combine(layout, "eosinophil", "EO_1000.png");
        File.WriteAllBytes(file, TinyPng.Encode(80, 60, (x, y) => Disc(x, y, 60, 20, 5) ? Blue : Pink));
        var data = DataSets.Load("pbc", temp.Path);
        using var cropped = new ImageCache(temp.Folder("cache")).Load(data, 12, crop: 24);
        int id = data.Samples.Single(s => s.RelativePath == "eosinophil/EO_1000.png").Id;
        Assert.Equal(new ImageSize(80, 60), cropped.OriginalSizes[id]);
        Assert.DoesNotContain("eosinophil/EO_1000.png", cropped.CentredCrops);
        var (cx, cy, radiusX, radiusY) = BlueExtent(cropped.Images.Image(id).ToArray(), 12);
        Assert.InRange(cx, 5, 7);
        Assert.InRange(cy, 5, 7);
        Assert.InRange(Math.Abs(radiusX - radiusY), 0, 1);  // round, not stretched by the 4:3 squash
    }

    private static bool Disc(int x, int y, int cx, int cy, int radius) =>
        (x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy) <= radius * radius;

    /// <summary>The original image stretched to a square of its longer side by repeating rows, as the engine's decoder does.</summary>
    private static byte[] Squashed(ImageSize original, Func<int, int, (byte R, byte G, byte B)> colour)
    {
        int side = Math.Max(original.Width, original.Height);
        var square = new byte[side * side * 3];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                var (r, g, b) = colour(x * original.Width / side, y * original.Height / side);
                square[(y * side + x) * 3] = r;
                square[(y * side + x) * 3 + 1] = g;
                square[(y * side + x) * 3 + 2] = b;
            }
        return square;
    }

    /// <summary>Centre and half-extents (in output pixels) of the pixels that are bluer than green by a margin.</summary>
    private static (double X, double Y, double RadiusX, double RadiusY) BlueExtent(byte[] rgb, int size)
    {
        var blue = Enumerable.Range(0, size * size).Where(i => rgb[3 * i + 2] - rgb[3 * i + 1] > 60).ToList();
        Assert.NotEmpty(blue);
        var xs = blue.Select(i => i % size + 0.5).ToList();
        var ys = blue.Select(i => i / size + 0.5).ToList();
        return (xs.Average(), ys.Average(), (xs.Max() - xs.Min() + 1) / 2, (ys.Max() - ys.Min() + 1) / 2);
    }
}
