// Display layer: base for charts drawn with ScottPlot and shown as SVG.
using System.Text;
using ScottPlot;

namespace Workbench.Display;

/// <summary>
/// Base for charts: a chart is immutable, is drawn with ScottPlot, renders deterministically (the same bytes every
/// time), shows itself in notebooks as image/svg+xml and can be saved as a standalone .svg file.
/// </summary>
[TypeFormatterSource(typeof(RichDisplayFormatterSource))]
public abstract class SvgChart : IRichDisplay
{
    /// <summary>Creates a chart with the given title (may be empty).</summary>
    private protected SvgChart(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
    }

    /// <summary>The chart title, shown at the top and used as the plain-text fallback.</summary>
    public string Title { get; }

    /// <summary>The chart as a standalone SVG document.</summary>
    public string ToSvg()
    {
        var (plot, width, height) = Draw();
        using (plot) return ScottPlotSvg.Render(plot, width, height, Title.Length > 0 ? Title : GetType().Name);
    }

    /// <summary>Writes the SVG to <paramref name="path"/> (UTF-8, no BOM), creating the folder if needed.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        File.WriteAllText(path, ToSvg(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> MimeBundle() => new Dictionary<string, string>
    {
        [MimeTypes.Svg] = ToSvg(),
        [MimeTypes.PlainText] = $"{GetType().Name}: {Title}",
    };

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}: {Title}";

    /// <summary>A fresh plot of the chart and the size it is rendered at, in pixels.</summary>
    private protected abstract (Plot Plot, int Width, int Height) Draw();
}
