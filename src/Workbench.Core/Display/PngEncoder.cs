// Display layer: PNG encoding for image-gallery thumbnails and figures, via SkiaSharp.
using SkiaSharp;

namespace Workbench.Display;

/// <summary>
/// PNG encoding of 8-bit RGB images (thumbnails, figures) through SkiaSharp: Skia's encoder
/// writes a truecolour PNG (colour type 2) for opaque pixels. Output is deterministic for the
/// same pixels.
/// </summary>
public static class PngEncoder
{
    /// <summary>
    /// Encodes row-major interleaved RGB pixels (height × width × 3 bytes, HWC) as a PNG file.
    /// </summary>
    public static byte[] EncodeRgb(ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be positive");
        if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be positive");
        long expected = (long)width * height * 3;
        if (rgb.Length != expected)
        {
            throw new ArgumentException(
                $"rgb has {rgb.Length} bytes but a {width}x{height} RGB image needs {expected}", nameof(rgb));
        }

        using var bitmap = ToBitmap(rgb, width, height);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {width}x{height} PNG");
        return png.ToArray();
    }

    /// <summary>The pixels as an opaque Skia bitmap (for the other encoders of this layer).</summary>
    internal static SKBitmap ToBitmap(ReadOnlySpan<byte> rgb, int width, int height)
    {
        // Skia has no 3-byte pixel format: widen to RGBX, marked opaque so the encoders drop X again.
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgb888x, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (int source = 0, target = 0; source < rgb.Length; source += 3, target += 4)
        {
            pixels[target] = rgb[source];
            pixels[target + 1] = rgb[source + 1];
            pixels[target + 2] = rgb[source + 2];
            pixels[target + 3] = 255;
        }
        return bitmap;
    }

    /// <summary>The PNG as a <c>data:image/png;base64,…</c> URI for HTML and SVG.</summary>
    public static string ToDataUri(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
