using System.Net;
using System.Text;
using Workbench.Display;

namespace Workbench.Reports;

/// <summary>
/// The folder a notebook saves its figures to. Each figure becomes <c>&lt;prefix&gt;-&lt;name&gt;.svg</c> (charts, galleries,
/// captioned images) or <c>.html</c> (tables), and is returned, so that one expression both saves and shows it:
/// <c>display(figures.Save(chart, "round-1-pseudo-labels"))</c>.
/// </summary>
public sealed class FigureFolder
{
    private readonly List<string> _saved = [];

    /// <summary>Creates the folder (if needed) at <paramref name="directory"/>; <paramref name="prefix"/> starts every file name (e.g. "02").</summary>
    public FigureFolder(string directory, string prefix = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0) CheckName(prefix, nameof(prefix));
        Directory = Path.GetFullPath(directory);
        Prefix = prefix;
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The absolute folder.</summary>
    public string Directory { get; }

    /// <summary>Start of every file name ("" for none).</summary>
    public string Prefix { get; }

    /// <summary>Paths written so far, in order.</summary>
    public IReadOnlyList<string> Saved => _saved;

    /// <summary>The path a figure called <paramref name="name"/> gets with <paramref name="extension"/> (".svg", ".html").</summary>
    public string PathFor(string name, string extension)
    {
        CheckName(name, nameof(name));
        ArgumentException.ThrowIfNullOrWhiteSpace(extension);
        string file = (Prefix.Length > 0 ? Prefix + "-" : "") + name + (extension.StartsWith('.') ? extension : "." + extension);
        return Path.Combine(Directory, file);
    }

    /// <summary>
    /// Writes <paramref name="figure"/> (an <see cref="SvgChart"/> or <see cref="ImageGallery"/> as SVG,
    /// an <see cref="HtmlTable"/> as an HTML page) and returns it unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a plain file name, or the figure type cannot be saved.</exception>
    public T Save<T>(T figure, string name) where T : IRichDisplay
    {
        ArgumentNullException.ThrowIfNull(figure);
        string path;
        switch (figure)
        {
            case SvgChart chart:
                chart.Save(path = PathFor(name, ".svg"));
                break;
            case ImageGallery gallery:
                gallery.Save(path = PathFor(name, ".svg"));
                break;
            case HtmlTable table:
                string title = WebUtility.HtmlEncode(table.Caption ?? name);
                File.WriteAllText(path = PathFor(name, ".html"),
                    $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\n{table.ToHtml()}</body></html>\n",
                    new UTF8Encoding(false));
                break;
            default:
                throw new ArgumentException($"cannot save a {figure.GetType().Name}: figures are charts, galleries, captioned images or tables", nameof(figure));
        }
        _saved.Add(path);
        return figure;
    }

    private static void CheckName(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || name.StartsWith('.'))
            throw new ArgumentException($"'{name}' is not a plain file name: use letters, digits, '-', '_' and '.'", paramName);
    }
}
