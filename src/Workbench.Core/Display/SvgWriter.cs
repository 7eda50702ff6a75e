// Display layer: builds an SVG document as text (the image gallery; charts are drawn by ScottPlot).
using System.Globalization;
using System.Text;

namespace Workbench.Display;

/// <summary>
/// Builds an SVG document as text: the image gallery's thumbnails, frames and captions, which are no chart (charts are
/// drawn by ScottPlot, <see cref="SvgChart"/>). Numbers are written with the invariant culture and at most two decimals so
/// the same gallery always produces byte-identical output.
/// </summary>
internal sealed class SvgWriter
{
    /// <summary>The font stack used by every chart.</summary>
    public const string FontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";

    private readonly StringBuilder _svg = new();

    public SvgWriter(double width, double height, string title)
    {
        Width = width;
        Height = height;
        _svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
            .Append(" width=\"").Append(Num(width)).Append("\" height=\"").Append(Num(height)).Append('"')
            .Append(" viewBox=\"0 0 ").Append(Num(width)).Append(' ').Append(Num(height)).Append('"')
            .Append(" font-family=\"").Append(FontFamily).Append("\" font-size=\"12\">\n");
        _svg.Append("<title>").Append(Escape(title)).Append("</title>\n");
        Rect(0, 0, width, height, "#ffffff");
    }

    public double Width { get; }

    public double Height { get; }

    /// <summary>Formats a coordinate: invariant culture, at most two decimals, never "-0".</summary>
    public static string Num(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"SVG coordinate must be finite, got {value}", nameof(value));
        double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0; // turns -0 into 0
        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes text for XML content and attribute values.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&apos;", StringComparison.Ordinal);

    /// <summary>A rough text width for layout; good enough for DejaVu Sans / Helvetica.</summary>
    public static double TextWidth(string text, double fontSize) => text.Length * fontSize * 0.6;

    public void Rect(double x, double y, double width, double height, string fill,
        string? stroke = null, double strokeWidth = 1, double? fillOpacity = null, string? tooltip = null)
    {
        _svg.Append("<rect x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y))
            .Append("\" width=\"").Append(Num(Math.Max(0, width))).Append("\" height=\"").Append(Num(Math.Max(0, height)))
            .Append("\" fill=\"").Append(fill).Append('"');
        if (fillOpacity is { } opacity) _svg.Append(" fill-opacity=\"").Append(Num(opacity)).Append('"');
        if (stroke is not null) _svg.Append(" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(Num(strokeWidth)).Append('"');
        CloseWithTooltip("rect", tooltip);
    }

    /// <summary>
    /// Text at (x, y). <paramref name="anchor"/> is start/middle/end; <paramref name="rotate"/> turns the
    /// text around its anchor point (degrees, negative = counter-clockwise).
    /// </summary>
    public void Text(double x, double y, string text, string anchor = "start", double fontSize = 12,
        string fill = ChartPalette.Text, bool bold = false, double rotate = 0, string? baseline = null)
    {
        _svg.Append("<text x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y)).Append('"');
        if (anchor != "start") _svg.Append(" text-anchor=\"").Append(anchor).Append('"');
        if (baseline is not null) _svg.Append(" dominant-baseline=\"").Append(baseline).Append('"');
        if (fontSize != 12) _svg.Append(" font-size=\"").Append(Num(fontSize)).Append('"');
        _svg.Append(" fill=\"").Append(fill).Append('"');
        if (bold) _svg.Append(" font-weight=\"bold\"");
        if (rotate != 0)
        {
            _svg.Append(" transform=\"rotate(").Append(Num(rotate)).Append(' ').Append(Num(x)).Append(' ').Append(Num(y)).Append(")\"");
        }
        _svg.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>An embedded raster image, e.g. a PNG data URI.</summary>
    public void Image(double x, double y, double width, double height, string href)
    {
        _svg.Append("<image x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y))
            .Append("\" width=\"").Append(Num(width)).Append("\" height=\"").Append(Num(height))
            .Append("\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" xlink:href=\"")
            .Append(Escape(href)).Append("\"/>\n");
    }

    /// <summary>A chart title centred at the top.</summary>
    public void Title(string title, double y = 22)
    {
        if (title.Length > 0) Text(Width / 2, y, title, "middle", 15, bold: true);
    }

    public string Finish()
    {
        _svg.Append("</svg>\n");
        return _svg.ToString();
    }

    private void CloseWithTooltip(string element, string? tooltip)
    {
        if (tooltip is null)
        {
            _svg.Append("/>\n");
            return;
        }
        // A child <title> is how SVG shows a hover tooltip.
        _svg.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(element).Append(">\n");
    }
}
