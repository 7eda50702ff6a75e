// Display layer: an object that knows how to show itself in a notebook.
namespace Workbench.Display;

/// <summary>
/// An object that knows how to show itself in a notebook: it returns one or more representations
/// keyed by MIME type (see <see cref="MimeTypes"/>); the front end picks the richest it supports.
/// </summary>
public interface IRichDisplay
{
    /// <summary>MIME type → data. Text formats are plain strings; binary formats (image/png) are base64.</summary>
    IReadOnlyDictionary<string, string> MimeBundle();
}
