using Workbench.Data;

namespace Workbench.Tests.Data;

public class ImageCacheTests
{
    private const int Size = 6;

    [Fact]
    public void BuildThenReloadGivesIdenticalBytesWithoutDecoding()
    {
        using var temp = new TempDirectory();
        TinyLayouts.Pbc(temp.Path, perFolder: 2);
        var data = DataSets.Load("pbc", temp.Path);
        var cacheDir = temp.Folder("cache");
        var decoder = new FakeDecoder();
        var reported = new List<int>();
        var logged = new List<string>();

        using (var built = new ImageCache(cacheDir, decoder.Decode).Load(data, Size, new SyncProgress(reported), logged.Add))
        {
            Assert.True(built.Rebuilt);
            Assert.Contains("no cache file yet", built.Status);
            Assert.Single(logged);
            Assert.Equal(16, built.Images.Count);
            Assert.Equal(16, decoder.Calls);
            Assert.Equal(16, reported.Max());
            Assert.All(built.OriginalSizes, s => Assert.Equal(new ImageSize(8, 8), s));
            for (int i = 0; i < built.Data.Count; i++)
                Assert.Equal(FakeDecoder.Expected(data.FullPath(data.Samples[i]), Size), built.Images.Image(i).ToArray());
        }
        Assert.Equal(["pbc-6px.wbcache"], Directory.GetFiles(cacheDir).Select(Path.GetFileName));

        var second = new FakeDecoder();
        using var reloaded = new ImageCache(cacheDir, second.Decode).Load(data, Size);
        Assert.False(reloaded.Rebuilt);
        Assert.Equal(0, second.Calls);
        Assert.Contains("from cache", reloaded.Status);
        Assert.Equal(16, reloaded.Data.Count);
        Assert.All(reloaded.OriginalSizes, s => Assert.Equal(new ImageSize(8, 8), s));
        for (int i = 0; i < reloaded.Data.Count; i++)
            Assert.Equal(FakeDecoder.Expected(data.FullPath(data.Samples[i]), Size), reloaded.Images.Image(i).ToArray());
    }

    [Fact]
    public void ChangedFileTriggersRebuild()
    {
        using var temp = new TempDirectory();
        var layout = TinyLayouts.Pbc(temp.Path, perFolder: 2);
        var cache = new ImageCache(temp.Folder("cache"), new FakeDecoder().Decode);
        cache.Load(DataSets.Load("pbc", temp.Path), Size).Dispose();

        var changed = Path.Combine(layout, "eosinophil", "EO_1000.png");
        File.WriteAllBytes(changed, TinyPng.Solid(8, 8, 200, 10, 10));
        File.SetLastWriteTimeUtc(changed, DateTime.UtcNow.AddMinutes(5));
        var data = DataSets.Load("pbc", temp.Path);
        var logged = new List<string>();
        using var rebuilt = cache.Load(data, Size, log: logged.Add);
        Assert.True(rebuilt.Rebuilt);
        Assert.Contains("fingerprint", rebuilt.Status);
        Assert.Contains(logged, l => l.Contains("fingerprint"));
        int id = data.Samples.Single(s => s.RelativePath == "eosinophil/EO_1000.png").Id;
        Assert.Equal(FakeDecoder.Expected(changed, Size), rebuilt.Images.Image(id).ToArray());
    }

    [Fact]
    public void AddedFileTriggersRebuild()
    {
        using var temp = new TempDirectory();
        var layout = TinyLayouts.Pbc(temp.Path, perFolder: 1);
        var cache = new ImageCache(temp.Folder("cache"), new FakeDecoder().Decode);
        cache.Load(DataSets.Load("pbc", temp.Path), Size).Dispose();
        File.WriteAllBytes(Path.Combine(layout, "platelet", "PLATELET_9.png"), TinyPng.Solid(8, 8, 1, 1, 1));
        using var rebuilt = cache.Load(DataSets.Load("pbc", temp.Path), Size);
        Assert.True(rebuilt.Rebuilt);
        Assert.Equal(9, rebuilt.Images.Count);
    }

    [Fact]
    public void TruncatedOrForeignCacheFileIsRebuiltNotUsed()
    {
        using var temp = new TempDirectory();
        TinyLayouts.Pbc(temp.Path, perFolder: 1);
        var data = DataSets.Load("pbc", temp.Path);
        var cache = new ImageCache(temp.Folder("cache"), new FakeDecoder().Decode);
        cache.Load(data, Size).Dispose();
        var path = cache.PathFor(data, Size);

        using (var stream = new FileStream(path, FileMode.Open))
            stream.SetLength(stream.Length - 10);
        using (var afterTruncation = cache.Load(data, Size))
        {
            Assert.True(afterTruncation.Rebuilt);
            Assert.Contains("truncated", afterTruncation.Status);
        }
        using (var valid = cache.Load(data, Size))
            Assert.False(valid.Rebuilt);

        File.WriteAllText(path, "something else entirely");
        using var afterGarbage = cache.Load(data, Size);
        Assert.True(afterGarbage.Rebuilt);
        Assert.Contains("magic", afterGarbage.Status);
    }

    [Fact]
    public void EachSizeHasItsOwnFile()
    {
        using var temp = new TempDirectory();
        TinyLayouts.Pbc(temp.Path, perFolder: 1);
        var data = DataSets.Load("pbc", temp.Path);
        var cache = new ImageCache(temp.Folder("cache"), new FakeDecoder().Decode);
        using var small = cache.Load(data, 4);
        using var large = cache.Load(data, 6);
        Assert.Equal(4 * 4 * 3 * 8, small.Images.TotalBytes);
        Assert.Equal(6 * 6 * 3 * 8, large.Images.TotalBytes);
        Assert.NotEqual(cache.PathFor(data, 4), cache.PathFor(data, 6));
        using var again = cache.Load(data, 4);
        Assert.False(again.Rebuilt);
    }

    [Fact]
    public void DecodeFailuresAreExcludedReportedAndRemembered()
    {
        using var temp = new TempDirectory();
        var layout = TinyLayouts.Pbc(temp.Path, perFolder: 2);
        File.WriteAllBytes(Path.Combine(layout, "ig", "MMY_bad.png"), TinyPng.Solid(8, 8, 9, 9, 9));
        var data = DataSets.Load("pbc", temp.Path);
        Assert.Equal(17, data.Count);
        var cacheDir = temp.Folder("cache");

        foreach (var expectRebuilt in new[] { true, false })
        {
            using var images = new ImageCache(cacheDir, new FakeDecoder().Decode).Load(data, Size);
            Assert.Equal(expectRebuilt, images.Rebuilt);
            var failure = Assert.Single(images.DecodeFailures);
            Assert.Equal("ig/MMY_bad.png", failure.RelativePath);
            Assert.Contains("corrupt image data", failure.Reason);
            Assert.Equal(16, images.Data.Count);
            Assert.Equal(16, images.Images.Count);
            Assert.Contains(images.Data.Skipped, s => s.RelativePath == "ig/MMY_bad.png");
            Assert.DoesNotContain(images.Data.Samples, s => s.RelativePath.Contains("bad"));
            for (int i = 0; i < images.Data.Count; i++)
            {
                Assert.Equal(i, images.Data.Samples[i].Id);
                Assert.Equal(FakeDecoder.Expected(images.Data.FullPath(images.Data.Samples[i]), Size), images.Images.Image(i).ToArray());
            }
        }
    }

    [Fact]
    public void ResolveDirectoryPrefersTheOption()
    {
        using var temp = new TempDirectory();
        Assert.Equal(Path.Combine(temp.Path, "c"), ImageCache.ResolveDirectory(Path.Combine(temp.Path, "c")));
        Assert.True(Path.IsPathFullyQualified(ImageCache.ResolveDirectory(null)));
    }

    [Fact]
    public void BadSizeIsRejected()
    {
        using var temp = new TempDirectory();
        TinyLayouts.Pbc(temp.Path, perFolder: 1);
        var data = DataSets.Load("pbc", temp.Path);
        var cache = new ImageCache(temp.Folder("cache"), new FakeDecoder().Decode);
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Load(data, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Load(data, ImageStore.MaxSize + 1));
    }

    /// <summary>IProgress that records synchronously (Progress&lt;T&gt; posts asynchronously).</summary>
    private sealed class SyncProgress(List<int> values) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (values)
                values.Add(value);
        }
    }
}
