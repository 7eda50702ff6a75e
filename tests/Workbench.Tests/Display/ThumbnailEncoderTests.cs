// ThumbnailEncoder: gallery tiles small enough for reports to travel, still faithful enough to judge a nucleus
// (decoded by an independent decoder, Debian's Pillow, and compared with the source pixels).
using System.Diagnostics;
using System.Text.RegularExpressions;
using Workbench.Display;
using Workbench.Tests.Data;

namespace Workbench.Tests.Display;

public sealed class ThumbnailEncoderTests
{
    // A 112-px smear (red cells, a lobed purple nucleus) with stain-like grain, as galleries decode them from the files.
    private static byte[] Cell(int seed, int size = 112)
    {
        var rgb = SyntheticSmear.Render(SyntheticSmear.Random(seed), size);
        var random = new Random(seed);
        for (int i = 0; i < rgb.Length; i++) rgb[i] = (byte)Math.Clamp(rgb[i] + random.Next(-6, 7), 0, 255);
        return rgb;
    }

    [Fact]
    public void A_112_px_tile_shown_at_96_px_is_a_96_px_jpeg_under_a_sixth_of_its_png_and_close_to_the_source()
    {
        var rgb = Cell(3);

        string uri = ThumbnailEncoder.ToDataUri(rgb, 112, 96);
        string png = PngEncoder.ToDataUri(PngEncoder.EncodeRgb(rgb, 112, 112));

        Assert.StartsWith("data:image/jpeg;base64,", uri);
        // The budget that keeps a report of six 16-tile galleries well under 1 MB.
        Assert.True(uri.Length < 8_000, $"{uri.Length} characters for one tile");
        Assert.True(uri.Length * 6 < png.Length, $"jpeg {uri.Length} vs png {png.Length} characters");
        var (mode, decoded) = Pillow(Convert.FromBase64String(uri[(uri.IndexOf(',') + 1)..]));
        Assert.Equal("RGB 96 96", mode);
        // Faithful: every pixel within a few levels of the source at the same place (nearest source pixel, a 112→96
        // resample moves edges by less than a pixel), so the nucleus keeps its outline and colour.
        double error = 0;
        for (int y = 0; y < 96; y++)
            for (int x = 0; x < 96; x++)
                for (int c = 0; c < 3; c++)
                    error += Math.Abs(decoded[(y * 96 + x) * 3 + c] - rgb[((y * 112 / 96) * 112 + x * 112 / 96) * 3 + c]);
        double mean = error / (96 * 96 * 3);
        Assert.True(mean < 12, $"mean absolute difference {mean:F1} levels");
        Assert.Equal(uri, ThumbnailEncoder.ToDataUri(rgb, 112, 96));
    }

    [Fact]
    public void A_tile_magnified_on_screen_stays_lossless_png()
    {
        var rgb = Cell(4, size: 32);

        string uri = ThumbnailEncoder.ToDataUri(rgb, 32, 96);

        Assert.Equal(PngEncoder.ToDataUri(PngEncoder.EncodeRgb(rgb, 32, 32)), uri);
        Assert.Equal("rgb", Assert.Throws<ArgumentException>(() => ThumbnailEncoder.ToDataUri(rgb, 112, 96)).ParamName);
    }

    [Fact]
    public void A_gallery_of_16_decoded_cells_stays_under_its_size_budget()
    {
        var tiles = Enumerable.Range(0, 16).Select(i => new GalleryTile(Cell(i), 112, "band neutrophil", 0.9, i % 2 == 0 ? "segmented neutrophil" : null)).ToList();

        string html = new ImageGallery(tiles, "budget", displaySize: 96).ToHtml();

        Assert.Equal(16, Regex.Matches(html, "src=\"data:image/jpeg;base64,").Count);
        Assert.True(html.Length < 16 * 8_000 + 10_000, $"{html.Length} characters for 16 tiles");
    }

    private static (string Mode, byte[] Pixels) Pillow(byte[] image)
    {
        var folder = Directory.CreateTempSubdirectory("wb-jpeg-").FullName;
        try
        {
            string input = Path.Combine(folder, "in"), output = Path.Combine(folder, "out.raw");
            File.WriteAllBytes(input, image);
            const string script = "import sys\nfrom PIL import Image\nimage = Image.open(sys.argv[1]); image.load()\n" +
                "print(image.mode, *image.size)\nopen(sys.argv[2], 'wb').write(image.tobytes())";
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-c", script, input, output }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string mode = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"Pillow could not decode the image: {stderr.Result}");
            return (mode, File.ReadAllBytes(output));
        }
        finally { Directory.Delete(folder, true); }
    }
}
