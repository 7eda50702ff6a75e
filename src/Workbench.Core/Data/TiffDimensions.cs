using System.Buffers.Binary;

namespace Workbench.Data;

/// <summary>Width and height (tags 256 and 257) from the first image directory of a classic or BigTIFF file.</summary>
internal static class TiffDimensions
{
    private const ushort ImageWidth = 256, ImageLength = 257;

    public static (int Width, int Height)? TryRead(ReadOnlySpan<byte> bytes, out string? reason)
    {
        bool little = bytes[0] == (byte)'I';
        bool big = bytes[2] == 43 || bytes[3] == 43; // BigTIFF: 8-byte offsets and counts

        int headerLength = big ? 16 : 8;
        if (bytes.Length < headerLength)
            return Fail("TIFF header truncated", out reason);
        ulong ifd = big ? U64(bytes, little, 8) : U32(bytes, little, 4);
        int entrySize = big ? 20 : 12, countSize = big ? 8 : 2;
        if (ifd < (ulong)headerLength || ifd + (ulong)countSize > (ulong)bytes.Length)
            return Fail($"TIFF image directory offset {ifd} lies outside the file ({bytes.Length} bytes)", out reason);
        int at = (int)ifd;
        ulong entries = big ? U64(bytes, little, at) : U16(bytes, little, at);
        at += countSize;
        int? width = null, height = null;
        for (ulong e = 0; e < entries && at + entrySize <= bytes.Length; e++, at += entrySize)
        {
            ushort tag = U16(bytes, little, at), type = U16(bytes, little, at + 2);
            if (tag is not (ImageWidth or ImageLength)) continue;
            int valueAt = at + (big ? 12 : 8);
            // SHORT (3) or LONG (4) (or BigTIFF's LONG8, 16), stored inline in the entry.
            long value = type switch { 3 => U16(bytes, little, valueAt), 4 => U32(bytes, little, valueAt), 16 => (long)U64(bytes, little, valueAt), _ => -1 };
            if (value is < 1 or > int.MaxValue)
                return Fail($"TIFF tag {tag} has an unusable value (type {type})", out reason);
            if (tag == ImageWidth) width = (int)value; else height = (int)value;
        }
        if (width is int w && height is int h)
        {
            reason = null;
            return (w, h);
        }
        return Fail("TIFF image directory has no width or height", out reason);
    }

    private static ushort U16(ReadOnlySpan<byte> b, bool little, int at) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(b[at..]);

    private static uint U32(ReadOnlySpan<byte> b, bool little, int at) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]);

    private static ulong U64(ReadOnlySpan<byte> b, bool little, int at) =>
        little ? BinaryPrimitives.ReadUInt64LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt64BigEndian(b[at..]);

    private static (int, int)? Fail(string message, out string? reason)
    {
        reason = message;
        return null;
    }
}
