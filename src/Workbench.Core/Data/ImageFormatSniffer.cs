namespace Workbench.Data;

/// <summary>Image container recognised from a file's first bytes.</summary>
public enum ImageFormat
{
    /// <summary>None of the formats below.</summary>
    Unknown,
    /// <summary>JPEG (starts FF D8 FF).</summary>
    Jpeg,
    /// <summary>PNG (starts with the 8-byte PNG signature).</summary>
    Png,
    /// <summary>TIFF (starts "II*\0" or "MM\0*"; BigTIFF uses 43 in place of 42).</summary>
    Tiff,
}

/// <summary>
/// Cheap magic-byte check used while listing files, so that junk with an image extension
/// (e.g. a macOS .DS_Store renamed .jpg) is skipped by content, not by name.
/// </summary>
public static class ImageFormatSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Format from the leading bytes of a file.</summary>
    public static ImageFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
            return ImageFormat.Jpeg;
        if (head.StartsWith(PngSignature))
            return ImageFormat.Png;
        if (head.Length >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] is 42 or 43 && head[3] == 0)
                                 || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] is 42 or 43)))
            return ImageFormat.Tiff;
        return ImageFormat.Unknown;
    }

    /// <summary>
    /// Reads the first bytes of <paramref name="path"/>; returns the format, and for an unknown one a
    /// reason naming what was found (empty file, or the first bytes in hex).
    /// </summary>
    public static (ImageFormat Format, string? Reason) DetectFile(string path)
    {
        Span<byte> head = stackalloc byte[8];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (ImageFormat.Unknown, $"cannot be read: {e.Message}");
        }
        var format = Detect(head[..read]);
        if (format != ImageFormat.Unknown)
            return (format, null);
        return read == 0
            ? (ImageFormat.Unknown, "not an image: empty file")
            : (ImageFormat.Unknown, $"not an image (no JPEG/PNG/TIFF signature): first bytes {Convert.ToHexString(head[..read])}");
    }
}
