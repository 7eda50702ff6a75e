// Display layer: ScottPlot set up once for the charts (font, colours, sizes) and its SVG made byte-stable.
using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Workbench.Display;

/// <summary>
/// Renders ScottPlot plots as the charts' SVG. Text is measured and drawn with DejaVu Sans loaded from its file (Debian's
/// fonts-dejavu-core), never through a system font lookup: the NoDependencies Skia build has no fontconfig, and a
/// lookup could pick a different font on another machine, which would move every label and change the bytes.
/// </summary>
internal static partial class ScottPlotSvg
{
    /// <summary>Where Debian's fonts-dejavu-core puts DejaVu Sans.</summary>
    public const string FontDirectory = "/usr/share/fonts/truetype/dejavu";

    private const string FontName = "DejaVu Sans";
    private const string FontStack = "DejaVu Sans, Helvetica, Arial, sans-serif";
    private static readonly Lazy<string> Font = new(RegisterFont, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly object RenderGate = new();

    // ScottPlot is built against SkiaSharp.HarfBuzz 3.119 and its text drawing makes the JIT load it; naming one of its
    // types here makes Core depend on the 4.155 build directly, so every app's dependency list carries it.
    private static readonly Type Shaper = typeof(SkiaSharp.HarfBuzz.SKShaper);

    /// <summary>A plot styled like every chart: white, light grid, grey frame and ticks, no minor ticks.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        string font = Font.Value;
        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex(ChartPalette.Grid);
        plot.Grid.MajorLineWidth = 1;
        plot.Axes.Color(Color.FromHex(ChartPalette.Axis));
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontName = font;
            axis.TickLabelStyle.FontSize = 11;
            axis.Label.FontName = font;
            axis.Label.FontSize = 12;
            axis.Label.Bold = true;
            axis.Label.ForeColor = Color.FromHex(ChartPalette.Text);
            axis.MinorTickStyle.Length = 0;
        }
        plot.Axes.Title.Label.Text = title;
        plot.Axes.Title.Label.FontName = font;
        plot.Axes.Title.Label.FontSize = 15;
        plot.Axes.Title.Label.ForeColor = Color.FromHex(ChartPalette.Text);
        plot.Axes.Bottom.Label.Text = xLabel;
        plot.Axes.Left.Label.Text = yLabel;
        plot.Legend.FontName = font;
        plot.Legend.FontSize = 12;
        plot.Legend.FontColor = Color.FromHex(ChartPalette.Text);
        plot.Legend.OutlineColor = Color.FromHex(ChartPalette.Grid);
        plot.Legend.ShadowColor = Colors.Transparent;
        return plot;
    }

    /// <summary>The font name the plots use (registered on first use).</summary>
    public static string FontFamily => Font.Value;

    /// <summary>The width in pixels of <paramref name="text"/> in the charts' font at <paramref name="size"/> px.</summary>
    public static double TextWidth(string text, float size, bool bold = false)
    {
        var style = new LabelStyle { FontName = Font.Value, FontSize = size, Bold = bold };
        using var paint = Paint.NewDisposablePaint();
        lock (RenderGate) return style.Measure(text, paint).Width;
    }

    /// <summary>The figure width for a plot whose axes and data area take <paramref name="body"/> px, with a legend on the right listing <paramref name="legend"/>.</summary>
    public static int Width(double body, IEnumerable<string> legend) =>
        (int)Math.Ceiling(body + (legend.Select(l => TextWidth(l, 12)).DefaultIfEmpty(-1).Max() is var widest and >= 0 ? widest + 90 : 0));

    /// <summary>Tick labels of <paramref name="labels"/> at 0, 1, 2, … (categories on an axis).</summary>
    public static NumericManual CategoryTicks(IReadOnlyList<string> labels, bool reversed = false) =>
        new(Enumerable.Range(0, labels.Count).Select(i => (double)(reversed ? labels.Count - 1 - i : i)).ToArray(), labels.ToArray());

    /// <summary>
    /// Turns the bottom tick labels 45° (reading down to the right from their tick) when the longest of
    /// <paramref name="labels"/> is wider than <paramref name="slot"/> px, and makes the bottom axis (and, with no legend
    /// there, the right margin) large enough for them. Returns the height the labels take.
    /// </summary>
    public static double RotateLongLabels(Plot plot, IReadOnlyList<string> labels, double slot, bool legendOnRight)
    {
        double longest = labels.Max(l => TextWidth(l, 11));
        if (longest <= slot - 4) return 20;
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        double height = longest * 0.71 + 14;
        plot.Axes.Bottom.MinimumSize = (float)(height + 22);
        if (!legendOnRight) plot.Axes.Right.MinimumSize = (float)(longest * 0.71);
        return height;
    }

    /// <summary>Text at (<paramref name="x"/>, <paramref name="y"/>) in data units, in the charts' font.</summary>
    public static ScottPlot.Plottables.Text AddText(Plot plot, string text, double x, double y, Alignment alignment, float size, string color, bool bold = false)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelAlignment = alignment;
        label.LabelFontName = Font.Value;
        label.LabelFontSize = size;
        label.LabelFontColor = Color.FromHex(color);
        label.LabelBold = bold;
        return label;
    }

    /// <summary>A plain colour from "#rrggbb".</summary>
    public static Color Hex(string color) => Color.FromHex(color);

    /// <summary>
    /// Renders <paramref name="plot"/> at <paramref name="width"/> × <paramref name="height"/> px as a standalone SVG
    /// document: Skia's SVG with its XML declaration dropped, a viewBox and a &lt;title&gt; added, the font family given
    /// fallbacks, the trailing separators Skia leaves in glyph position lists removed (strict parsers reject them), numbers
    /// rounded to two decimals and clip-path ids made stable.
    /// </summary>
    public static string Render(Plot plot, int width, int height, string title)
    {
        string svg;
        // ScottPlot's font cache and Skia's SVG canvas are shared state; charts are small, so one render at a time.
        lock (RenderGate)
        {
            width = FitTitle(plot, width, height);
            svg = plot.GetSvgXml(width, height);
        }
        int root = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (root < 0) throw new InvalidOperationException("ScottPlot returned no <svg> element");
        svg = svg[root..];
        int rootEnd = svg.IndexOf('>', StringComparison.Ordinal);
        string size = $" viewBox=\"0 0 {width.ToString(CultureInfo.InvariantCulture)} {height.ToString(CultureInfo.InvariantCulture)}\"";
        svg = svg[..rootEnd] + size + ">\n<title>" + SvgWriter.Escape(title) + "</title>" + svg[(rootEnd + 1)..];
        svg = svg.Replace($"font-family=\"{FontName}\"", $"font-family=\"{FontStack}\"", StringComparison.Ordinal);
        svg = TrailingSeparator().Replace(svg, "");
        // Skia writes coordinates with up to 8 digits; two decimals (1/100 px) halve the file and leave no float noise.
        svg = Tag().Replace(svg, tag => Decimal().Replace(tag.Value, number => SvgWriter.Num(double.Parse(number.Value, CultureInfo.InvariantCulture))));
        svg = StableIds(svg);
        return svg.EndsWith('\n') ? svg : svg + "\n";
    }

    // Skia numbers its clip paths with a counter that runs across the process, so the same chart would differ from one
    // render to the next, and two figures inlined in one HTML page could share an id. Ids become a hash of the document
    // (without its ids) and a count.
    private static string StableIds(string svg)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        string local = SkiaId().Replace(svg, m =>
        {
            if (!order.TryGetValue(m.Value, out int index)) order[m.Value] = index = order.Count;
            // U+0001 cannot occur in XML, so the placeholder cannot meet the document's own text.
            return "\u0001" + index.ToString(CultureInfo.InvariantCulture) + "\u0001";
        });
        string prefix = "wb" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(local)))[..10] + "-";
        return LocalId().Replace(local, m => prefix + m.Groups[1].Value);
    }

    // ScottPlot centres the title over the data area; widen the figure until the title fits inside it. A plot with a
    // fixed layout has sized itself.
    private static int FitTitle(Plot plot, int width, int height)
    {
        string text = plot.Axes.Title.Label.Text;
        if (text.Length == 0 || plot.Layout.LayoutEngine is not ScottPlot.LayoutEngines.Automatic) return width;
        plot.RenderInMemory(width, height);
        double centre = plot.RenderManager.LastRender.DataRect.HorizontalCenter;
        using var paint = Paint.NewDisposablePaint();
        double half = plot.Axes.Title.Label.Measure(text, paint).Width / 2 + 8;
        double grow = Math.Max(0, 2 * Math.Max(half - centre, half - (width - centre)));
        return width + (int)Math.Ceiling(grow);
    }

    private static string RegisterFont()
    {
        string regular = Path.Combine(FontDirectory, "DejaVuSans.ttf"), bold = Path.Combine(FontDirectory, "DejaVuSans-Bold.ttf");
        foreach (var file in new[] { regular, bold })
        {
            if (!File.Exists(file))
                throw new InvalidOperationException($"charts need the font {file} (Debian package fonts-dejavu-core; ./setup.sh installs it)");
        }
        try
        {
            Fonts.AddFontFile(FontName, regular, bold: false, italic: false);
            Fonts.AddFontFile(FontName, bold, bold: true, italic: false);
        }
        catch (TypeInitializationException e)
        {
            // ScottPlot's font table starts Skia; a native library of another version than SkiaSharp's fails here.
            var cause = e.GetBaseException();
            throw new InvalidOperationException($"charts cannot start ScottPlot/SkiaSharp: {cause.GetType().Name}: {cause.Message}", e);
        }
        Fonts.Default = FontName;
        return FontName;
    }

    [GeneratedRegex(@"(?<=id=""|#)cl_[0-9a-f]+(?=[""\)])")]
    private static partial Regex SkiaId();

    [GeneratedRegex("\u0001(\\d+)\u0001")]
    private static partial Regex LocalId();

    [GeneratedRegex("<[^<>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"-?\d+\.\d+(?:[eE][-+]?\d+)?")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"(?<=\s[xy]=""[^""<>]*), (?="")")]
    private static partial Regex TrailingSeparator();
}
