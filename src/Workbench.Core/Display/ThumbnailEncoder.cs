// Display layer: how gallery thumbnails travel inside notebooks and reports (size on the wire vs what a person can judge).
using SkiaSharp;

namespace Workbench.Display;

/// <summary>
/// Encodes one gallery thumbnail as a data URI, as small as it can be without costing what a reader sees. Galleries
/// decode cells at 112 px and show them at 96 px: as lossless PNG, each tile costs ~23 KB of base64 and a notebook
/// with six galleries passes 2 MB. A tile at least as large as its on-screen size is therefore resampled to that size
/// (the extra pixels are never shown) and stored as JPEG, ~4 KB; a tile shown larger than it is (a 32-px training image
/// magnified pixel by pixel) stays PNG, because JPEG's 8×8 blocks would be magnified with it, and it is small anyway.
/// </summary>
public static class ThumbnailEncoder
{
    /// <summary>JPEG quality of the thumbnails: nucleus outlines and granules stay sharp at 96 px; lower starts to ring.</summary>
    public const int JpegQuality = 85;

    /// <summary>Tiles smaller than this are magnified on screen and kept lossless.</summary>
    public const int SmallestLossyTile = 64;

    /// <summary>
    /// The <paramref name="size"/> × <paramref name="size"/> RGB tile as a data URI for a tile shown at
    /// <paramref name="displaySize"/> px: JPEG at min(size, displaySize) px, or PNG for tiles under <see cref="SmallestLossyTile"/> px.
    /// Deterministic for the same pixels.
    /// </summary>
    public static string ToDataUri(ReadOnlySpan<byte> rgb, int size, int displaySize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(displaySize);
        if (rgb.Length != (long)size * size * 3)
            throw new ArgumentException($"rgb has {rgb.Length} bytes but a {size}x{size} RGB tile needs {(long)size * size * 3}", nameof(rgb));
        if (size < SmallestLossyTile) return PngEncoder.ToDataUri(PngEncoder.EncodeRgb(rgb, size, size));
        int target = Math.Min(size, displaySize);
        using var full = PngEncoder.ToBitmap(rgb, size, size);
        // Mitchell cubic: a downscale by 112/96 without the aliasing of nearest neighbour or the blur of box filtering.
        using var scaled = target == size ? null : full.Resize(new SKImageInfo(target, target, SKColorType.Rgb888x, SKAlphaType.Opaque),
            new SKSamplingOptions(SKCubicResampler.Mitchell)) ?? throw new InvalidOperationException($"SkiaSharp could not resize a {size}-px tile");
        using var jpeg = (scaled ?? full).Encode(SKEncodedImageFormat.Jpeg, JpegQuality)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {target}-px JPEG");
        return "data:image/jpeg;base64," + Convert.ToBase64String(jpeg.AsSpan());
    }
}
