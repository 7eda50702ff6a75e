namespace Workbench.Engine;

/// <summary>
/// Square RGB images (uint8, HWC) copied once into engine memory, so training and prediction
/// address them by index without crossing the ABI per image.
/// </summary>
public sealed class ImageSet : IDisposable
{
    internal ImagesHandle Handle { get; }

    public long Count { get; }
    public int Size { get; }

    private ImageSet(ImagesHandle handle, long count, int size) => (Handle, Count, Size) = (handle, count, size);

    /// <summary>Copies count images of size x size x 3 bytes starting at pixels.</summary>
    public static unsafe ImageSet FromPointer(byte* pixels, long count, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Runtime.EnsureConfigured();
        var handle = NativeMethods.wb_images_create(pixels, count, size);
        if (handle.IsInvalid) throw new EngineException($"image set: {NativeMethods.LastError()}");
        return new ImageSet(handle, count, size);
    }

    /// <summary>Copies images from a managed buffer whose length is a multiple of size*size*3.</summary>
    public static unsafe ImageSet FromBytes(ReadOnlySpan<byte> pixels, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        long imageBytes = (long)size * size * 3;
        if (pixels.Length % imageBytes != 0)
            throw new ArgumentException($"{pixels.Length} bytes is not a whole number of {size}x{size} RGB images", nameof(pixels));
        fixed (byte* data = pixels) return FromPointer(data, pixels.Length / imageBytes, size);
    }

    public void Dispose() => Handle.Dispose();
}
