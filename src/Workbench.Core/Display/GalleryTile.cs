namespace Workbench.Display;

/// <summary>
/// One thumbnail of an <see cref="ImageGallery"/>: <paramref name="Rgb"/> holds Size × Size × 3 bytes
/// (row-major, interleaved RGB), captioned with the predicted class, a score (confidence, margin, …)
/// and, when known, the true label. A tile whose true label differs from the prediction is marked wrong.
/// </summary>
public sealed record GalleryTile(byte[] Rgb, int Size, string Predicted, double Score, string? TrueLabel = null)
{
    /// <summary>True when the true label is known and differs from the prediction.</summary>
    public bool IsWrong => TrueLabel is not null && TrueLabel != Predicted;
}
