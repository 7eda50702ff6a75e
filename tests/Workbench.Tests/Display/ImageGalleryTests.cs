using System.Text.RegularExpressions;
using Workbench.Display;

namespace Workbench.Tests.Display;

public sealed class ImageGalleryTests
{
    private static GalleryTile Tile(byte shade, string predicted, double score, string? truth)
    {
        var rgb = new byte[8 * 8 * 3];
        Array.Fill(rgb, shade);
        return new GalleryTile(rgb, 8, predicted, score, truth);
    }

    private static ImageGallery Sample() => new(
        [Tile(10, "band", 0.991, "band"), Tile(120, "segmented", 0.42, "band"), Tile(250, "eosinophil", 0.77, null)],
        "Lowest margins", columns: 2, displaySize: 96, scoreName: "margin");

    [Fact]
    public void Html_embeds_one_png_per_tile_and_marks_wrong_ones()
    {
        string html = Sample().ToHtml();

        Assert.Equal(3, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.Single(Regex.Matches(html, "border:3px solid " + ChartPalette.Wrong));
        Assert.Contains("margin: 0.420", html);
        Assert.Contains("true: band", html);
        Assert.Contains("repeat(2,", html);
        Assert.Equal(MimeTypes.Html, Sample().MimeBundle().Keys.First());
    }

    [Fact]
    public void Svg_variant_is_well_formed_with_embedded_images()
    {
        string svg = Sample().ToSvg();
        var document = SvgAssert.WellFormed(svg);

        var images = document.Descendants(SvgAssert.Svg + "image").ToList();
        Assert.Equal(3, images.Count);
        Assert.All(images, i => Assert.StartsWith("data:image/png;base64,", i.Attribute(XLink("href"))!.Value));
        Assert.Contains("✗", SvgAssert.Texts(document));
        Assert.Contains("pred: segmented", SvgAssert.Texts(document));
        Assert.Equal(svg, Sample().ToSvg());
    }

    [Fact]
    public void Tiles_with_the_wrong_pixel_count_are_rejected()
    {
        var bad = new GalleryTile(new byte[10], 8, "x", 0);
        Assert.Equal("tiles", Assert.Throws<ArgumentException>(() => new ImageGallery([bad])).ParamName);
        Assert.True(Tile(0, "a", 1, "b").IsWrong);
        Assert.False(Tile(0, "a", 1, null).IsWrong);
    }

    [Fact]
    public void Save_picks_the_format_from_the_extension()
    {
        string folder = Path.Combine(Path.GetTempPath(), "wb-gal-" + Guid.NewGuid().ToString("N"));
        try
        {
            Sample().Save(Path.Combine(folder, "g.svg"));
            Sample().Save(Path.Combine(folder, "g.html"));
            Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(folder, "g.svg")));
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(folder, "g.html")));
            Assert.Equal("path", Assert.Throws<ArgumentException>(() => Sample().Save(Path.Combine(folder, "g.png"))).ParamName);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }

    private static System.Xml.Linq.XName XLink(string name) => System.Xml.Linq.XNamespace.Get("http://www.w3.org/1999/xlink") + name;
}
