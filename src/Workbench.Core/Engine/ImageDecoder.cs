namespace Workbench.Engine;

/// <summary>RGB pixels of a decoded image resampled to size x size (HWC), plus its original size.</summary>
public sealed record DecodedImage(byte[] Pixels, int OriginalWidth, int OriginalHeight);

/// <summary>JPEG/PNG decoding through the engine (libjpeg-turbo and libpng).</summary>
public static class ImageDecoder
{
    /// <summary>Decodes and squashes an image to size x size with area averaging.</summary>
    /// <exception cref="EngineException">The file is missing, not an image, or damaged.</exception>
    public static DecodedImage Decode(string path, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var pixels = new byte[size * size * 3];
        var (width, height) = DecodeInto(path, size, pixels);
        return new DecodedImage(pixels, width, height);
    }

    /// <summary>Decodes into a caller's buffer of size*size*3 bytes (no allocation per image).</summary>
    public static unsafe (int Width, int Height) DecodeInto(string path, int size, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (destination.Length < size * size * 3)
            throw new ArgumentException($"destination holds {destination.Length} bytes, needs {size * size * 3}", nameof(destination));
        int width, height;
        fixed (byte* output = destination)
        {
            if (NativeMethods.wb_decode_image(path, size, output, out width, out height) != 0)
                throw new EngineException(NativeMethods.LastError());
        }
        return (width, height);
    }
}
