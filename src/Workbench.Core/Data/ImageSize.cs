namespace Workbench.Data;

/// <summary>Width and height of an image file in pixels, before any resizing.</summary>
public sealed record ImageSize(int Width, int Height)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Width}x{Height}";
}
