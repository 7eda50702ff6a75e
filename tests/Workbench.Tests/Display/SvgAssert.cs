using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Workbench.Tests.Display;

internal static partial class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses the SVG as XML and checks the root; returns the document for further checks.</summary>
    public static XDocument WellFormed(string svg)
    {
        var document = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.NotNull(document.Root.Attribute("viewBox"));
        return document;
    }

    /// <summary>All text content of &lt;text&gt; elements, trimmed.</summary>
    public static IReadOnlyList<string> Texts(XDocument document) =>
        document.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();

    /// <summary>"#rrggbb" in upper case; Skia writes "#555" for "#555555" and names such as "white".</summary>
    public static string Color(string value) => value switch
    {
        "white" => "#FFFFFF",
        "black" => "#000000",
        _ when value.Length == 4 && value[0] == '#' => string.Concat("#", value[1], value[1], value[2], value[2], value[3], value[3]).ToUpperInvariant(),
        _ => value.ToUpperInvariant(),
    };

    /// <summary>Every colour a fill or stroke of <paramref name="document"/> uses, normalised.</summary>
    public static ISet<string> Colors(XDocument document) =>
        document.Descendants().SelectMany(e => new[] { e.Attribute("fill")?.Value, e.Attribute("stroke")?.Value })
            .OfType<string>().Where(c => c != "none").Select(Color).ToHashSet();

    /// <summary>The shapes (path, ellipse, rect) whose <paramref name="attribute"/> ("fill" or "stroke") is <paramref name="color"/>.</summary>
    public static IReadOnlyList<XElement> Shapes(XDocument document, string attribute, string color) =>
        document.Descendants().Where(e => e.Name.LocalName is "path" or "ellipse" or "rect"
            && e.Attribute(attribute)?.Value is { } value && value != "none" && Color(value) == Color(color)).ToList();

    /// <summary>The points of a path's d attribute (M and L commands only).</summary>
    public static IReadOnlyList<(double X, double Y)> Points(XElement path)
    {
        var numbers = Number().Matches(path.Attribute("d")!.Value).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        return Enumerable.Range(0, numbers.Count / 2).Select(i => (numbers[2 * i], numbers[2 * i + 1])).ToList();
    }

    /// <summary>A numeric attribute.</summary>
    public static double Number(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex Number();
}
