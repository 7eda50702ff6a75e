using System.Diagnostics;
using Workbench.Data;

namespace Workbench.Bench;

/// <summary>The data path: decode + cache a real data set, reload it, and serve random batches from it.</summary>
internal static class DataPathThroughput
{
    public sealed record Result(string DataSet, int Size, int Images, double ColdSeconds, double WarmSeconds,
        double GatherBatchesPerSecond, double EngineCopySeconds);

    public static Result Measure(string dataRoot, string dataSetName, int size)
    {
        var cacheDirectory = Directory.CreateTempSubdirectory("wb-bench-cache-");
        try
        {
            var set = DataSets.Load(dataSetName, dataRoot);
            var cache = new ImageCache(cacheDirectory.FullName);
            var clock = Stopwatch.StartNew();
            using (cache.Load(set, size)) { }
            double cold = clock.Elapsed.TotalSeconds;

            clock.Restart();
            using var cached = cache.Load(set, size);
            double warm = clock.Elapsed.TotalSeconds;

            // What a loader that does not keep images resident would do per batch: gather 64 random
            // images into one contiguous buffer.
            var random = new Random(0);
            var batch = new byte[64 * cached.Images.BytesPerImage];
            int batches = 2000;
            clock.Restart();
            for (int b = 0; b < batches; b++)
                for (int i = 0; i < 64; i++)
                    cached.Images.Image(random.Next(cached.Images.Count)).CopyTo(batch.AsSpan((int)(i * cached.Images.BytesPerImage)));
            double gather = batches / clock.Elapsed.TotalSeconds;

            clock.Restart();
            unsafe
            {
                using var images = cached.Images.ToImageSet();
            }
            return new Result(dataSetName, size, cached.Images.Count, cold, warm, gather, clock.Elapsed.TotalSeconds);
        }
        finally { cacheDirectory.Delete(recursive: true); }
    }
}
