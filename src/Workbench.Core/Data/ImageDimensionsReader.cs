using System.Buffers.Binary;

namespace Workbench.Data;

/// <summary>
/// Reads width and height from a JPEG (SOF marker), PNG (IHDR chunk) or TIFF (first IFD) without decoding pixels.
/// </summary>
public static class ImageDimensionsReader
{
    /// <summary>Dimensions of the image in <paramref name="bytes"/>, or null with a reason when they cannot be read.</summary>
    public static (int Width, int Height)? TryRead(ReadOnlySpan<byte> bytes, out string? reason)
    {
        reason = null;
        switch (ImageFormatSniffer.Detect(bytes))
        {
            case ImageFormat.Png:
                // Signature (8) + chunk length (4) + "IHDR" (4), then width and height big-endian.
                if (bytes.Length >= 24 && bytes.Slice(12, 4).SequenceEqual("IHDR"u8))
                    return (BinaryPrimitives.ReadInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadInt32BigEndian(bytes[20..]));
                reason = "PNG without a readable IHDR chunk";
                return null;
            case ImageFormat.Jpeg:
                return TryReadJpeg(bytes, out reason);
            case ImageFormat.Tiff:
                return TiffDimensions.TryRead(bytes, out reason);
            default:
                reason = "not a JPEG, PNG or TIFF";
                return null;
        }
    }

    private static (int Width, int Height)? TryReadJpeg(ReadOnlySpan<byte> bytes, out string? reason)
    {
        int pos = 2;
        while (pos + 4 <= bytes.Length)
        {
            if (bytes[pos] != 0xFF)
            {
                reason = $"JPEG marker expected at byte {pos}";
                return null;
            }
            byte marker = bytes[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            {
                pos += 2; // stand-alone markers carry no length
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA)
            {
                reason = "JPEG has no frame header (SOF) before the image data";
                return null;
            }
            int length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(pos + 2)..]);
            bool isStartOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (isStartOfFrame)
            {
                if (pos + 9 > bytes.Length)
                    break;
                int height = BinaryPrimitives.ReadUInt16BigEndian(bytes[(pos + 5)..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(bytes[(pos + 7)..]);
                reason = null;
                return (width, height);
            }
            if (length < 2)
            {
                reason = $"JPEG segment at byte {pos} has invalid length {length}";
                return null;
            }
            pos += 2 + length;
        }
        reason = "JPEG truncated before its frame header (SOF)";
        return null;
    }
}
