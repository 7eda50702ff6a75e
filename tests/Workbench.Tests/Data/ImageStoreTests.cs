using Workbench.Data;

namespace Workbench.Tests.Data;

public class ImageStoreTests
{
    [Fact]
    public void ImagesAreContiguousAndIndependent()
    {
        using var store = new ImageStore(count: 3, size: 2);
        Assert.Equal(12, store.BytesPerImage);
        Assert.Equal(36, store.TotalBytes);
        store.WritableImage(1).Fill(7);
        Assert.All(store.Image(0).ToArray(), b => Assert.Equal(0, b));
        Assert.All(store.Image(1).ToArray(), b => Assert.Equal(7, b));
        Assert.All(store.Image(2).ToArray(), b => Assert.Equal(0, b));
        unsafe
        {
            Assert.Equal(7, store.Pointer[12]);
            Assert.Equal(0, store.Pointer[24]);
        }
    }

    [Fact]
    public void ChunksCoverTheWholeBufferOnce()
    {
        using var store = new ImageStore(count: 5, size: 3); // 135 bytes
        var chunks = store.Chunks(maxChunkBytes: 40).ToList();
        Assert.Equal([(0L, 40), (40L, 40), (80L, 40), (120L, 15)], chunks);
        Assert.Equal(store.TotalBytes, chunks.Sum(c => (long)c.Length));
    }

    [Fact]
    public void OffsetsAreSixtyFourBit()
    {
        // 12,444 images at 224 px is 1.87 GB; the size arithmetic must not overflow int.
        long bytesPerImage = 224L * 224 * 3;
        Assert.True(bytesPerImage * 12_444 > int.MaxValue / 2);
        using var store = new ImageStore(count: 0, size: 224);
        Assert.Equal(bytesPerImage, store.BytesPerImage);
        Assert.Equal(0, store.TotalBytes);
        Assert.Empty(store.Chunks());
    }

    [Fact]
    public void BadArgumentsAndUseAfterDisposeAreErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageStore(-1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageStore(1, 0));
        var store = new ImageStore(2, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Image(2).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Range(30, 10).Length);
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.Image(0).Length);
        store.Dispose(); // twice is harmless
    }
}
