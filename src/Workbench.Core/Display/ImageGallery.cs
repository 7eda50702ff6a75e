// Display layer: the one image grid of the Workbench (predictions, queries, source groups), as HTML and SVG.
using System.Net;
using System.Text;

namespace Workbench.Display;

/// <summary>
/// A grid of image thumbnails with captions (prediction, score, true label); misclassified tiles get
/// a red border and mark; captioned tiles (<see cref="GalleryTile.Captioned"/>) show free lines and may be highlighted
/// with the same border. Shown as HTML in notebooks (data URIs, see <see cref="ThumbnailEncoder"/>) and saved as a single
/// self-contained SVG or HTML file.
/// </summary>
[TypeFormatterSource(typeof(RichDisplayFormatterSource))]
public sealed class ImageGallery : IRichDisplay
{
    private const double CaptionLineHeight = 13, Gap = 10;
    private readonly Lazy<string[]> _dataUris;

    /// <summary>
    /// Creates the gallery. <paramref name="displaySize"/> is the on-screen tile size in pixels (small
    /// images are scaled up without smoothing); <paramref name="scoreName"/> labels the score ("conf", "margin").
    /// </summary>
    public ImageGallery(IReadOnlyList<GalleryTile> tiles, string title = "", int columns = 8, int displaySize = 96, string scoreName = "score")
    {
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(scoreName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(displaySize, 16);
        for (int i = 0; i < tiles.Count; i++)
        {
            var tile = tiles[i] ?? throw new ArgumentException($"tile {i} is null", nameof(tiles));
            if (tile.Size <= 0) throw new ArgumentException($"tile {i} has size {tile.Size}; it must be positive", nameof(tiles));
            if (tile.Rgb is null || tile.Rgb.Length != tile.Size * tile.Size * 3)
            {
                throw new ArgumentException(
                    $"tile {i} has {tile.Rgb?.Length ?? 0} bytes but a {tile.Size}x{tile.Size} RGB image needs {tile.Size * tile.Size * 3}", nameof(tiles));
            }
            if (tile.Predicted is null && tile.Lines is null) throw new ArgumentException($"tile {i} has no predicted label", nameof(tiles));
        }
        Tiles = tiles.ToArray();
        Title = title;
        Columns = columns;
        DisplaySize = displaySize;
        ScoreName = scoreName;
        _dataUris = new Lazy<string[]>(() => Tiles.Select(t => ThumbnailEncoder.ToDataUri(t.Rgb, t.Size, DisplaySize)).ToArray());
    }

    /// <summary>The tiles, in reading order.</summary>
    public IReadOnlyList<GalleryTile> Tiles { get; }

    /// <summary>Heading above the grid (may be empty).</summary>
    public string Title { get; }

    /// <summary>Tiles per row.</summary>
    public int Columns { get; }

    /// <summary>On-screen tile size in pixels.</summary>
    public int DisplaySize { get; }

    /// <summary>The label of the score in captions.</summary>
    public string ScoreName { get; }

    /// <summary>The caption lines of one tile.</summary>
    public IReadOnlyList<string> Caption(GalleryTile tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        if (tile.Lines is not null) return tile.Lines;
        var lines = new List<string> { $"pred: {tile.Predicted}", $"{ScoreName}: {DisplayFormat.Number(tile.Score, 3)}" };
        if (tile.TrueLabel is not null) lines.Add($"true: {tile.TrueLabel}");
        return lines;
    }

    /// <summary>The gallery as an HTML fragment with inline styles and data URIs.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div style=\"font-family:sans-serif;font-size:11px\">\n");
        if (Title.Length > 0) html.Append("<div style=\"font-weight:bold;font-size:14px;margin:4px 0\">").Append(WebUtility.HtmlEncode(Title)).Append("</div>\n");
        html.Append("<div style=\"display:grid;grid-template-columns:repeat(").Append(Columns).Append(", ").Append(DisplaySize + 8).Append("px);gap:").Append((int)Gap).Append("px\">\n");
        for (int i = 0; i < Tiles.Count; i++)
        {
            var tile = Tiles[i];
            string border = tile.IsWrong || tile.Highlighted ? "3px solid " + ChartPalette.Wrong : "1px solid #cccccc";
            html.Append("<figure style=\"margin:0\"><img alt=\"").Append(WebUtility.HtmlEncode($"tile {i}: {string.Join(" ", Caption(tile))}"))
                .Append("\" width=\"").Append(DisplaySize).Append("\" height=\"").Append(DisplaySize)
                .Append("\" style=\"image-rendering:pixelated;border:").Append(border).Append("\" src=\"").Append(_dataUris.Value[i]).Append("\"/>");
            html.Append("<figcaption>");
            foreach (string line in Caption(tile))
            {
                bool wrongLine = tile.IsWrong && line.StartsWith("true:", StringComparison.Ordinal);
                html.Append(wrongLine ? "<div style=\"color:" + ChartPalette.Wrong + ";font-weight:bold\">" : "<div>")
                    .Append(WebUtility.HtmlEncode(line)).Append("</div>");
            }
            html.Append("</figcaption></figure>\n");
        }
        html.Append("</div>\n</div>\n");
        return html.ToString();
    }

    /// <summary>The gallery as one standalone SVG document with the thumbnails embedded.</summary>
    public string ToSvg()
    {
        int rows = Math.Max(1, (Tiles.Count + Columns - 1) / Columns);
        int columns = Math.Max(1, Math.Min(Columns, Tiles.Count));
        double captionHeight = CaptionLineHeight * (Tiles.Count == 0 ? 0 : Tiles.Max(t => Caption(t).Count)) + 4;
        double cellWidth = DisplaySize + Gap, cellHeight = DisplaySize + captionHeight + Gap;
        double top = Title.Length > 0 ? 36 : Gap;
        var svg = new SvgWriter(Math.Max(Gap + columns * cellWidth, SvgWriter.TextWidth(Title, 15) + 2 * Gap), top + rows * cellHeight, Title.Length > 0 ? Title : "Image gallery");
        svg.Title(Title);
        int maxChars = Math.Max(4, (int)(DisplaySize / (10 * 0.6)));
        for (int i = 0; i < Tiles.Count; i++)
        {
            var tile = Tiles[i];
            double x = Gap + i % Columns * cellWidth, y = top + i / Columns * cellHeight;
            svg.Image(x, y, DisplaySize, DisplaySize, _dataUris.Value[i]);
            if (tile.IsWrong)
            {
                svg.Rect(x - 1.5, y - 1.5, DisplaySize + 3, DisplaySize + 3, "none", ChartPalette.Wrong, 3);
                svg.Rect(x + DisplaySize - 16, y, 16, 16, ChartPalette.Wrong);
                svg.Text(x + DisplaySize - 8, y + 12, "✗", "middle", 12, "#ffffff", bold: true);
            }
            else if (tile.Highlighted)
            {
                svg.Rect(x - 1.5, y - 1.5, DisplaySize + 3, DisplaySize + 3, "none", ChartPalette.Wrong, 3);
            }
            else
            {
                svg.Rect(x, y, DisplaySize, DisplaySize, "none", "#cccccc", 1);
            }
            var lines = Caption(tile);
            for (int l = 0; l < lines.Count; l++)
            {
                bool wrongLine = tile.IsWrong && l == 2;
                string text = lines[l].Length > maxChars ? lines[l][..(maxChars - 1)] + "…" : lines[l];
                svg.Text(x, y + DisplaySize + CaptionLineHeight * (l + 1), text, "start", 10,
                    wrongLine ? ChartPalette.Wrong : ChartPalette.Text, bold: wrongLine);
            }
        }
        return svg.Finish();
    }

    /// <summary>Saves as SVG (.svg) or as a standalone HTML page (.html/.htm), creating the folder if needed.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        string content = extension switch
        {
            ".svg" => ToSvg(),
            ".html" or ".htm" => $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(Title)}</title></head><body>\n{ToHtml()}</body></html>\n",
            _ => throw new ArgumentException($"cannot save a gallery as '{extension}'; use .svg or .html", nameof(path)),
        };
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> MimeBundle() => new Dictionary<string, string>
    {
        [MimeTypes.Html] = ToHtml(),
        [MimeTypes.PlainText] = ToString(),
    };

    /// <inheritdoc />
    public override string ToString()
    {
        int wrong = Tiles.Count(t => t.IsWrong), highlighted = Tiles.Count(t => t.Highlighted);
        string marks = highlighted > 0 ? $"{wrong} wrong, {highlighted} highlighted" : $"{wrong} wrong";
        return $"ImageGallery: {Title} ({Tiles.Count} images, {marks})".Replace(":  (", ": (", StringComparison.Ordinal);
    }
}
