// Display layer: one thumbnail of an image gallery.
namespace Workbench.Display;

/// <summary>
/// One thumbnail of an <see cref="ImageGallery"/>: <paramref name="Rgb"/> holds Size × Size × 3 bytes
/// (row-major, interleaved RGB), captioned with the predicted class, a score (confidence, margin, …)
/// and, when known, the true label. A tile whose true label differs from the prediction is marked wrong.
/// </summary>
/// <remarks>
/// Pictures that are not predictions (e.g. the augmented copies of one source cell) use <see cref="Captioned"/>: free
/// caption lines and an optional highlight instead of prediction, score and truth.
/// </remarks>
public sealed record GalleryTile(byte[] Rgb, int Size, string Predicted, double Score, string? TrueLabel = null)
{
    /// <summary>Free caption lines that replace the prediction caption; null for a prediction tile.</summary>
    public IReadOnlyList<string>? Lines { get; init; }

    /// <summary>Draws the tile with the marked border without calling it wrong (e.g. "this copy is on the test side").</summary>
    public bool Highlighted { get; init; }

    /// <summary>
    /// The image the model was given for this sample (<see cref="InputSize"/> × <see cref="InputSize"/> × 3 bytes, e.g. the
    /// 32-px training image), drawn beside <see cref="Rgb"/> at the same on-screen size; null when not shown.
    /// </summary>
    public byte[]? InputRgb { get; init; }

    /// <summary>Side length of <see cref="InputRgb"/> in pixels.</summary>
    public int InputSize { get; init; }

    /// <summary>This tile with the model's input <paramref name="rgb"/> (<paramref name="size"/> px) beside it.</summary>
    public GalleryTile WithInput(byte[] rgb, int size)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        return this with { InputRgb = rgb, InputSize = size };
    }

    /// <summary>A tile with free caption lines.</summary>
    public static GalleryTile Captioned(byte[] rgb, int size, IReadOnlyList<string> lines, bool highlighted = false)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new GalleryTile(rgb, size, "", double.NaN) { Lines = lines.ToArray(), Highlighted = highlighted };
    }

    /// <summary>True when the true label is known and differs from the prediction.</summary>
    public bool IsWrong => TrueLabel is not null && TrueLabel != Predicted;
}
