using System.Xml.Linq;

namespace Workbench.Tests.Display;

internal static class SvgAssert
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

    /// <summary>All text content of &lt;text&gt; elements.</summary>
    public static IReadOnlyList<string> Texts(XDocument document) =>
        document.Descendants(Svg + "text").Select(t => t.Value).ToList();
}
