using System.Buffers.Binary;

namespace Workbench.Tests.Data;

/// <summary>Minimal uncompressed TIFF writer (little-endian, one strip): grey 8/16-bit or RGB 8-bit, for decoder tests.</summary>
internal static class TinyTiff
{
    /// <summary>A solid image: <paramref name="samples"/> per pixel (1 grey or 3 RGB) of <paramref name="bits"/> bits each.</summary>
    public static byte[] Solid(int width, int height, int bits, params int[] samples)
    {
        int bytesPerSample = bits / 8, perPixel = samples.Length;
        var pixels = new byte[width * height * perPixel * bytesPerSample];
        for (int i = 0; i < width * height * perPixel; i++)
            if (bits == 16) BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(i * 2), (ushort)samples[i % perPixel]);
            else pixels[i] = (byte)samples[i % perPixel];
        var entries = new List<(ushort Tag, ushort Type, uint Count, uint Value)>
        {
            (256, 4, 1, (uint)width), (257, 4, 1, (uint)height), (258, 3, (uint)perPixel, 0), (259, 3, 1, 1),
            (262, 3, 1, perPixel == 3 ? 2u : 1u), (273, 4, 1, 0), (277, 3, 1, (uint)perPixel), (278, 4, 1, (uint)height),
            (279, 4, 1, (uint)pixels.Length),
        };
        int ifdAt = 8, ifdSize = 2 + entries.Count * 12 + 4, bitsAt = ifdAt + ifdSize, dataAt = bitsAt + perPixel * 2;
        var file = new byte[dataAt + pixels.Length];
        "II"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)ifdAt);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(ifdAt), (ushort)entries.Count);
        for (int e = 0; e < entries.Count; e++)
        {
            var (tag, type, count, value) = entries[e];
            if (tag == 258) value = perPixel == 1 ? (uint)bits : (uint)bitsAt; // one SHORT fits inline, three do not
            if (tag == 273) value = (uint)dataAt;
            var at = file.AsSpan(ifdAt + 2 + e * 12);
            BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
            if (type == 3 && count == 1) BinaryPrimitives.WriteUInt16LittleEndian(at[8..], (ushort)value);
            else BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
        }
        for (int s = 0; s < perPixel; s++) BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(bitsAt + s * 2), (ushort)bits);
        pixels.CopyTo(file, dataAt);
        return file;
    }
}
