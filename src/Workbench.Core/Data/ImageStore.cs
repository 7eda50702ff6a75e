using System.Runtime.InteropServices;
using Workbench.Engine;

namespace Workbench.Data;

/// <summary>
/// Decoded images in one contiguous native buffer: Count images of Size x Size x 3 bytes (RGB,
/// HWC), indexed with 64-bit offsets so sets over 2 GB (12,444 images at 224 px = 1.9 GB) work.
/// The engine copies the whole buffer once through <see cref="Pointer"/>. Dispose frees it.
/// </summary>
public sealed unsafe class ImageStore : IDisposable
{
    /// <summary>Largest accepted side length; keeps one image well inside an int-sized span.</summary>
    public const int MaxSize = 4096;

    private byte* _pointer;

    /// <summary>Allocates a zero-filled store for <paramref name="count"/> images of size x size.</summary>
    public ImageStore(int count, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        Count = count;
        Size = size;
        BytesPerImage = (long)size * size * 3;
        TotalBytes = BytesPerImage * count;
        _pointer = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(TotalBytes, 1));
        if (TotalBytes > 0)
            GC.AddMemoryPressure(TotalBytes);
    }

    /// <summary>Frees the buffer if Dispose was never called.</summary>
    ~ImageStore() => Free();

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Side length in pixels.</summary>
    public int Size { get; }

    /// <summary>size * size * 3.</summary>
    public long BytesPerImage { get; }

    /// <summary>Count * BytesPerImage.</summary>
    public long TotalBytes { get; }

    /// <summary>Start of the whole buffer (valid until Dispose).</summary>
    public byte* Pointer => _pointer != null ? _pointer : throw new ObjectDisposedException(nameof(ImageStore));

    /// <summary>Pixels of image <paramref name="index"/> (RGB, HWC).</summary>
    public ReadOnlySpan<byte> Image(int index) => WritableImage(index);

    /// <summary>Writable pixels of image <paramref name="index"/>, for filling the store.</summary>
    public Span<byte> WritableImage(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Image index must be in 0..{Count - 1}.");
        return new Span<byte>(Pointer + index * BytesPerImage, (int)BytesPerImage);
    }

    /// <summary>
    /// The buffer as consecutive spans of at most <paramref name="maxChunkBytes"/> bytes (a span is
    /// int-sized), e.g. for writing the whole store to a file.
    /// </summary>
    public IEnumerable<(long Offset, int Length)> Chunks(int maxChunkBytes = 1 << 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunkBytes, 1);
        for (long offset = 0; offset < TotalBytes; offset += maxChunkBytes)
            yield return (offset, (int)Math.Min(maxChunkBytes, TotalBytes - offset));
    }

    /// <summary>Span over <paramref name="length"/> bytes of the buffer starting at <paramref name="offset"/>.</summary>
    public Span<byte> Range(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > TotalBytes)
            throw new ArgumentOutOfRangeException(nameof(offset), $"Range {offset}+{length} is outside the store of {TotalBytes} bytes.");
        return new Span<byte>(Pointer + offset, length);
    }

    /// <summary>Frees the native buffer.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_pointer == null)
            return;
        NativeMemory.Free(_pointer);
        _pointer = null;
        if (TotalBytes > 0)
            GC.RemoveMemoryPressure(TotalBytes);
    }

    /// <summary>Copies the whole buffer once into engine memory, where training and prediction address images by index.</summary>
    public ImageSet ToImageSet() => ImageSet.FromPointer(Pointer, Count, Size);
}
