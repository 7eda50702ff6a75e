using System.Net;
using System.Text;
using Workbench.Display;
using Workbench.Metrics;

namespace Workbench.Reports;

/// <summary>
/// A grid of images with free caption lines (file name, split side, ...), for pictures that are not predictions, such
/// as the augmented copies of one source cell. Highlighted images get a coloured border. Shown as HTML, saved as SVG.
/// </summary>
public sealed class CaptionedImages : IRichDisplay
{
    private const double LineHeight = 13, Gap = 10;
    private readonly Lazy<string[]> _dataUris;

    /// <summary>Creates the grid; <paramref name="displaySize"/> is the on-screen side of each image in pixels.</summary>
    public CaptionedImages(IReadOnlyList<CaptionedImage> images, string title = "", int columns = 8, int displaySize = 96,
        string highlightColor = "#d62728")
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(highlightColor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(displaySize, 16);
        for (int i = 0; i < images.Count; i++)
        {
            var image = images[i] ?? throw new ArgumentException($"image {i} is null", nameof(images));
            if (image.Size <= 0 || image.Rgb is null || image.Rgb.Length != image.Size * image.Size * 3)
                throw new ArgumentException($"image {i} has {image.Rgb?.Length ?? 0} bytes, not {image.Size}x{image.Size}x3", nameof(images));
            if (image.Caption is null) throw new ArgumentException($"image {i} has no caption list", nameof(images));
        }
        Images = images.ToArray();
        Title = title;
        Columns = columns;
        DisplaySize = displaySize;
        HighlightColor = highlightColor;
        _dataUris = new Lazy<string[]>(() => Images.Select(t => PngEncoder.ToDataUri(PngEncoder.EncodeRgb(t.Rgb, t.Size, t.Size))).ToArray());
    }

    /// <summary>The images in reading order.</summary>
    public IReadOnlyList<CaptionedImage> Images { get; }

    /// <summary>Heading (may be empty).</summary>
    public string Title { get; }

    /// <summary>Images per row.</summary>
    public int Columns { get; }

    /// <summary>On-screen image side in pixels.</summary>
    public int DisplaySize { get; }

    /// <summary>Border colour of highlighted images.</summary>
    public string HighlightColor { get; }

    /// <summary>An HTML fragment with inline styles and PNG data URIs.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<div style=\"font-family:sans-serif;font-size:11px\">\n");
        if (Title.Length > 0) html.Append("<div style=\"font-weight:bold;font-size:14px;margin:4px 0\">").Append(WebUtility.HtmlEncode(Title)).Append("</div>\n");
        html.Append("<div style=\"display:grid;grid-template-columns:repeat(").Append(Columns).Append(", ").Append(DisplaySize + 8)
            .Append("px);gap:").Append((int)Gap).Append("px\">\n");
        for (int i = 0; i < Images.Count; i++)
        {
            var image = Images[i];
            string border = image.Highlighted ? "3px solid " + HighlightColor : "1px solid #cccccc";
            html.Append("<figure style=\"margin:0\"><img alt=\"").Append(WebUtility.HtmlEncode(string.Join(" ", image.Caption)))
                .Append("\" width=\"").Append(DisplaySize).Append("\" height=\"").Append(DisplaySize)
                .Append("\" style=\"image-rendering:pixelated;border:").Append(border).Append("\" src=\"").Append(_dataUris.Value[i]).Append("\"/><figcaption>");
            foreach (string line in image.Caption) html.Append("<div>").Append(WebUtility.HtmlEncode(line)).Append("</div>");
            html.Append("</figcaption></figure>\n");
        }
        return html.Append("</div>\n</div>\n").ToString();
    }

    /// <summary>One standalone SVG document with the images embedded.</summary>
    public string ToSvg()
    {
        int lines = Images.Count == 0 ? 0 : Images.Max(i => i.Caption.Count);
        int rows = Math.Max(1, (Images.Count + Columns - 1) / Columns);
        int columns = Math.Max(1, Math.Min(Columns, Images.Count));
        double cellWidth = DisplaySize + Gap, cellHeight = DisplaySize + LineHeight * lines + 4 + Gap;
        double top = Title.Length > 0 ? 36 : Gap;
        double width = Math.Max(Gap + columns * cellWidth, SvgWriter.TextWidth(Title, 15) + 2 * Gap);
        var svg = new SvgWriter(width, top + rows * cellHeight, Title.Length > 0 ? Title : "Images");
        svg.Title(Title);
        int maxChars = Math.Max(4, (int)(DisplaySize / (10 * 0.6)));
        for (int i = 0; i < Images.Count; i++)
        {
            var image = Images[i];
            double x = Gap + i % Columns * cellWidth, y = top + i / Columns * cellHeight;
            svg.Image(x, y, DisplaySize, DisplaySize, _dataUris.Value[i]);
            if (image.Highlighted) svg.Rect(x - 1.5, y - 1.5, DisplaySize + 3, DisplaySize + 3, "none", HighlightColor, 3);
            else svg.Rect(x, y, DisplaySize, DisplaySize, "none", "#cccccc", 1);
            for (int l = 0; l < image.Caption.Count; l++)
            {
                string text = image.Caption[l].Length > maxChars ? image.Caption[l][..(maxChars - 1)] + "…" : image.Caption[l];
                svg.Text(x, y + DisplaySize + LineHeight * (l + 1), text, "start", 10);
            }
        }
        return svg.Finish();
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> MimeBundle() => new Dictionary<string, string>
    {
        [MimeTypes.Html] = ToHtml(),
        [MimeTypes.PlainText] = ToString(),
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"CaptionedImages: {Title} ({Images.Count} images, {Images.Count(i => i.Highlighted)} highlighted)".Replace(":  (", ": (", StringComparison.Ordinal);
}
