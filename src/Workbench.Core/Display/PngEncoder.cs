// Display layer: a minimal PNG writer for 8-bit RGB images (colour type 2, no interlace), enough for thumbnails…
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Workbench.Display;

/// <summary>
/// A minimal PNG writer for 8-bit RGB images (colour type 2, no interlace), enough for thumbnails
/// and figures. Output is deterministic for the same pixels.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

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

        using var file = new MemoryStream();
        file.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header[0..4], width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..8], height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: truecolour
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(file, "IHDR", header);

        WriteChunk(file, "IDAT", Deflate(rgb, width, height));
        WriteChunk(file, "IEND", ReadOnlySpan<byte>.Empty);
        return file.ToArray();
    }

    /// <summary>The PNG as a <c>data:image/png;base64,…</c> URI for HTML and SVG.</summary>
    public static string ToDataUri(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    private static byte[] Deflate(ReadOnlySpan<byte> rgb, int width, int height)
    {
        int stride = width * 3;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            // Filter type 0 (None) on every scanline: simplest, and thumbnails are small anyway.
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgb.Slice(y * stride, stride));
            }
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);

        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);

        // The CRC covers the chunk type and data, not the length.
        uint crc = Crc32.Append(Crc32.Compute(typeBytes), data);
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        output.Write(crcBytes);
    }
}
