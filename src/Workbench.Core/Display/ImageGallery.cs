// Display layer: the one image grid of the Workbench (predictions, queries, source groups), as HTML and SVG.
using System.Net;
using System.Text;

namespace Workbench.Display;

/// <summary>
/// A grid of image thumbnails with captions (prediction, score, true label); misclassified tiles get
/// a red border and mark; captioned tiles (<see cref="GalleryTile.Captioned"/>) show free lines and may be highlighted
/// with the same border. A tile that carries the model's input (<see cref="GalleryTile.InputRgb"/>) shows it to the right
/// of the image at the same size, magnified pixel by pixel, so a reader compares what they see with what the model saw.
/// Shown as HTML in notebooks (data URIs, see <see cref="ThumbnailEncoder"/>) and saved as a single
/// self-contained SVG or HTML file.
/// </summary>
[TypeFormatterSource(typeof(RichDisplayFormatterSource))]
public sealed class ImageGallery : IRichDisplay
{
    private const double CaptionLineHeight = 13, Gap = 10;
    private readonly Lazy<string[]> _dataUris;
    private readonly Lazy<string?[]> _inputUris;

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
            if (tile.InputRgb is { } input && (tile.InputSize <= 0 || input.Length != tile.InputSize * tile.InputSize * 3))
            {
                throw new ArgumentException(
                    $"tile {i}'s model input has {input.Length} bytes but a {tile.InputSize}x{tile.InputSize} RGB image needs {Math.Max(0, tile.InputSize) * Math.Max(0, tile.InputSize) * 3}", nameof(tiles));
            }
        }
        Tiles = tiles.ToArray();
        Title = title;
        Columns = columns;
        DisplaySize = displaySize;
        ScoreName = scoreName;
        _dataUris = new Lazy<string[]>(() => Tiles.Select(t => ThumbnailEncoder.ToDataUri(t.Rgb, t.Size, DisplaySize)).ToArray());
        _inputUris = new Lazy<string?[]>(() => Tiles.Select(t => t.InputRgb is null ? null : ThumbnailEncoder.ToDataUri(t.InputRgb, t.InputSize, DisplaySize)).ToArray());
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

    /// <summary>True when a tile shows the model's input beside its image (every tile then takes two image widths).</summary>
    public bool ShowsInputs => Tiles.Any(t => t.InputRgb is not null);

    /// <summary>The line under the title that says what the two images of a tile are; empty without inputs.</summary>
    public string InputLegend => !ShowsInputs ? "" :
        $"each tile: left, the image decoded at {Tiles.First(t => t.InputRgb is not null).Size} px; right, the model's input " +
        $"({Tiles.First(t => t.InputRgb is not null).InputSize} px, enlarged without smoothing)";

    private int TileWidth => ShowsInputs ? 2 * DisplaySize + 2 : DisplaySize;

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
        if (ShowsInputs) html.Append("<div style=\"margin:0 0 4px 0\">").Append(WebUtility.HtmlEncode(InputLegend)).Append("</div>\n");
        html.Append("<div style=\"display:grid;grid-template-columns:repeat(").Append(Columns).Append(", ").Append(TileWidth + 8).Append("px);gap:").Append((int)Gap).Append("px\">\n");
        for (int i = 0; i < Tiles.Count; i++)
        {
            var tile = Tiles[i];
            string border = tile.IsWrong || tile.Highlighted ? "3px solid " + ChartPalette.Wrong : "1px solid #cccccc";
            html.Append("<figure style=\"margin:0\"><img alt=\"").Append(WebUtility.HtmlEncode($"tile {i}: {string.Join(" ", Caption(tile))}"))
                .Append("\" width=\"").Append(DisplaySize).Append("\" height=\"").Append(DisplaySize)
                .Append("\" style=\"image-rendering:pixelated;border:").Append(border).Append("\" src=\"").Append(_dataUris.Value[i]).Append("\"/>");
            if (_inputUris.Value[i] is { } input)
                html.Append("<img alt=\"").Append(WebUtility.HtmlEncode($"tile {i}: the model's input, {tile.InputSize} px")).Append("\" width=\"").Append(DisplaySize)
                    .Append("\" height=\"").Append(DisplaySize).Append("\" style=\"image-rendering:pixelated;margin-left:2px;border:1px solid #cccccc\" src=\"")
                    .Append(input).Append("\"/>");
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
        double cellWidth = TileWidth + Gap, cellHeight = DisplaySize + captionHeight + Gap;
        double top = (Title.Length > 0 ? 36 : Gap) + (ShowsInputs ? 16 : 0);
        double width = new[] { Gap + columns * cellWidth, TitleWidth(Title, 15, bold: true) + 2 * Gap, TitleWidth(InputLegend, 11, bold: false) + 2 * Gap }.Max();
        var svg = new SvgWriter(width, top + rows * cellHeight, Title.Length > 0 ? Title : "Image gallery");
        svg.Title(Title);
        if (ShowsInputs) svg.Text(Gap, top - 8, InputLegend, "start", 11, ChartPalette.Text);
        int maxChars = Math.Max(4, (int)(TileWidth / (10 * 0.6)));
        for (int i = 0; i < Tiles.Count; i++)
        {
            var tile = Tiles[i];
            double x = Gap + i % Columns * cellWidth, y = top + i / Columns * cellHeight;
            svg.Image(x, y, DisplaySize, DisplaySize, _dataUris.Value[i]);
            if (_inputUris.Value[i] is { } input)
            {
                svg.Image(x + DisplaySize + 2, y, DisplaySize, DisplaySize, input);
                svg.Rect(x + DisplaySize + 2, y, DisplaySize, DisplaySize, "none", "#cccccc", 1);
            }
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

    // Measured in the charts' font (a bold title runs wider than the rough estimate and would be cut at the right edge).
    private static double TitleWidth(string text, float size, bool bold) => text.Length == 0 ? 0 : ScottPlotSvg.TextWidth(text, size, bold);

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
