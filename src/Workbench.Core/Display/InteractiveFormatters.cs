// Display layer: how charts, tables and galleries show themselves in .NET Interactive (Polyglot Notebooks), which knows
// nothing of IRichDisplay. It finds formatters by convention, by the names below, so no reference to its packages is needed.
namespace Workbench.Display;

/// <summary>
/// Marks a type whose notebook display comes from <see cref="FormatterSourceType"/>. .NET Interactive looks for an
/// attribute of exactly this name on the displayed object's type (base classes included) and reads these two properties
/// by reflection; our own kernel and runner ignore it and use <see cref="IRichDisplay"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>A type with a public parameterless constructor and <c>CreateTypeFormatters()</c>.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types .NET Interactive sends for the marked type, richest first.</summary>
    public string[] PreferredMimeTypes { get; set; } = [MimeTypes.Html, MimeTypes.PlainText];
}

/// <summary>The formatters .NET Interactive asks for: one per MIME type, each over any <see cref="IRichDisplay"/>.</summary>
public sealed class RichDisplayFormatterSource
{
    /// <summary>Called by .NET Interactive (by name) the first time it displays a marked type.</summary>
    public IEnumerable<object> CreateTypeFormatters() =>
        [new RichDisplayFormatter(MimeTypes.Html), new RichDisplayFormatter(MimeTypes.PlainText)];
}

/// <summary>
/// Writes an <see cref="IRichDisplay"/> as one MIME type. HTML is what every front end of .NET Interactive renders, so an
/// SVG chart goes out as inline SVG and a PNG as a data URI inside it.
/// </summary>
public sealed class RichDisplayFormatter
{
    internal RichDisplayFormatter(string mimeType) => MimeType = mimeType;

    /// <summary>The MIME type written (text/html or text/plain).</summary>
    public string MimeType { get; }

    /// <summary>What it formats: every rich display of the workbench.</summary>
    public Type Type => typeof(IRichDisplay);

    /// <summary>Writes <paramref name="instance"/>; false when it has no representation for <see cref="MimeType"/>.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is not IRichDisplay rich) return false;
        string? text = MimeType == MimeTypes.PlainText ? rich.ToString() : Html(rich.MimeBundle());
        if (text is null) return false;
        writer.Write(text);
        return true;
    }

    /// <summary>The bundle as one HTML fragment: its own HTML, else its SVG inline, else its PNG as an image; null if none.</summary>
    public static string? Html(IReadOnlyDictionary<string, string> bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.TryGetValue(MimeTypes.Html, out var html)) return html;
        if (bundle.TryGetValue(MimeTypes.Svg, out var svg))
        {
            int declarationEnd = svg.TrimStart().StartsWith("<?xml", StringComparison.Ordinal) ? svg.IndexOf("?>", StringComparison.Ordinal) : -1;
            return declarationEnd < 0 ? svg : svg[(declarationEnd + 2)..].TrimStart();
        }
        return bundle.TryGetValue(MimeTypes.Png, out var png) ? $"<img alt=\"image\" src=\"data:{MimeTypes.Png};base64,{png}\"/>" : null;
    }
}
