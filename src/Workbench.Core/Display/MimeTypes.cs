// Display layer: the MIME types the workbench produces in notebook outputs.
namespace Workbench.Display;

/// <summary>The MIME types the workbench produces in notebook outputs.</summary>
public static class MimeTypes
{
    /// <summary>Plain text; every bundle should carry one as a fallback.</summary>
    public const string PlainText = "text/plain";

    /// <summary>An HTML fragment (no html/body elements).</summary>
    public const string Html = "text/html";

    /// <summary>Markdown text.</summary>
    public const string Markdown = "text/markdown";

    /// <summary>An SVG document as text.</summary>
    public const string Svg = "image/svg+xml";

    /// <summary>A PNG image, base64-encoded.</summary>
    public const string Png = "image/png";
}
