using System.Security.Cryptography;
using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>
/// Stand-in for the engine's decoder in cache tests: the "pixels" are a hash of the file's bytes
/// repeated, so any change to a file changes its image; files named "*bad*" fail like a corrupt JPEG.
/// </summary>
internal sealed class FakeDecoder
{
    private int _calls;

    public int Calls => _calls;

    public ImageSize Decode(string path, int size, Span<byte> destination)
    {
        Interlocked.Increment(ref _calls);
        if (Path.GetFileName(path).Contains("bad", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: corrupt image data");
        Expected(path, size).CopyTo(destination);
        var dims = ImageDimensionsReader.TryRead(File.ReadAllBytes(path), out _) ?? (0, 0);
        return new ImageSize(dims.Width, dims.Height);
    }

    /// <summary>What <see cref="Decode"/> writes for <paramref name="path"/>.</summary>
    public static byte[] Expected(string path, int size)
    {
        var hash = SHA256.HashData(File.ReadAllBytes(path));
        var pixels = new byte[size * size * 3];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (byte)(hash[i % hash.Length] + i / hash.Length);
        return pixels;
    }
}
