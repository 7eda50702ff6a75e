using System.Collections.Concurrent;
using Workbench.Engine;

namespace Workbench.Data;

/// <summary>Decodes the image at <paramref name="path"/> to size x size RGB into <paramref name="destination"/>.</summary>
/// <returns>The image's original size.</returns>
public delegate ImageSize ImageDecodeFunction(string path, int size, Span<byte> destination);

/// <summary>
/// Decoded images cached on disk, one file per (data set, crop, size), so 12k JPEGs are decoded once. A crop
/// (<see cref="NucleusCrop"/>) is part of the file's name, fingerprint and header: whole frames are never served for it.
/// A cache whose file-list fingerprint differs, or that is truncated, is rebuilt (with a message),
/// never used. Building decodes in parallel and writes through a temporary file.
/// </summary>
public sealed class ImageCache
{
    /// <summary>Environment variable naming the cache directory.</summary>
    public const string EnvironmentVariable = "WORKBENCH_CACHE";

    private readonly ImageDecodeFunction _decode;

    /// <summary>
    /// A cache in <paramref name="directory"/> (created when first written). <paramref name="decode"/>
    /// defaults to the engine's decoder; tests may pass their own.
    /// </summary>
    public ImageCache(string directory, ImageDecodeFunction? decode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _decode = decode ?? DecodeWithEngine;
    }

    /// <summary>Absolute cache directory.</summary>
    public string Directory { get; }

    /// <summary>Cache directory: the option, else WORKBENCH_CACHE, else ./data/cache under the current directory.</summary>
    public static string ResolveDirectory(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return Path.GetFullPath(option);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(fromEnvironment) ? Path.Combine("data", "cache") : fromEnvironment);
    }

    /// <summary>File that holds <paramref name="dataSet"/> at <paramref name="size"/> px (cropped to <paramref name="crop"/> original px when not 0).</summary>
    public string PathFor(DataSet dataSet, int size, int crop = 0)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        return Path.Combine(Directory, $"{dataSet.CacheKey}{NucleusCrop.Tag(crop)}-{size}px.wbcache");
    }

    /// <summary>
    /// The images of <paramref name="dataSet"/> at <paramref name="size"/> x <paramref name="size"/>:
    /// read from the cache when it is valid, else decoded and written. Files that fail to decode are
    /// excluded and reported. <paramref name="progress"/> gets the number of images decoded so far;
    /// <paramref name="log"/> gets one line when the cache is (re)built and why. <paramref name="crop"/> (original
    /// pixels; 0 = the whole frame) cuts a square around each image's nucleus before resizing.
    /// </summary>
    public CachedImages Load(DataSet dataSet, int size, IProgress<int>? progress = null, Action<string>? log = null, int crop = 0)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, ImageStore.MaxSize);
        if (NucleusCrop.Problem(crop) is { } problem) throw new ArgumentOutOfRangeException(nameof(crop), crop, $"crop {problem}");
        var path = PathFor(dataSet, size, crop);
        var fingerprint = ImageCacheFile.Fingerprint(dataSet, size, crop);

        var header = ImageCacheFile.TryReadHeader(path, size, crop, dataSet.Count, fingerprint, out var reason);
        if (header is not null)
        {
            var store = new ImageStore(header.OriginalSizes.Count, size);
            try
            {
                ImageCacheFile.ReadPixels(path, header.PixelOffset, store);
                var data = dataSet.WithoutSamples(header.Failures);
                progress?.Report(dataSet.Count);
                var centred = Paths(dataSet, header.CentredFallbacks);
                return new CachedImages(data, store, header.OriginalSizes, FailureList(dataSet, header.Failures),
                    path, rebuilt: false, $"read {store.Count} images of {size}x{size}{CropNote(crop, centred)} from cache {path}", crop, centred);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                store.Dispose();
                reason = $"reading it failed: {e.Message}";
            }
        }

        var status = $"building cache {path} ({reason})";
        log?.Invoke(status);
        return Build(dataSet, size, crop, path, fingerprint, progress, status);
    }

    private CachedImages Build(DataSet dataSet, int size, int crop, string path, byte[] fingerprint, IProgress<int>? progress, string status)
    {
        var all = new ImageStore(dataSet.Count, size);
        var sizes = new ImageSize[dataSet.Count];
        var failures = new ConcurrentDictionary<int, string>();
        var centredFallbacks = new ConcurrentBag<int>();
        int done = 0;
        int reportEvery = Math.Max(1, dataSet.Count / 200);
        ImageStore? store = null;
        try
        {
            Parallel.For(0, dataSet.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var sample = dataSet.Samples[i];
                try
                {
                    if (crop == 0)
                        sizes[i] = _decode(dataSet.FullPath(sample), size, all.WritableImage(i));
                    else
                    {
                        var (original, window) = NucleusCrop.Decode(_decode, dataSet.FullPath(sample), crop, size, all.WritableImage(i));
                        sizes[i] = original;
                        if (!window.NucleusFound) centredFallbacks.Add(i);
                    }
                }
                catch (Exception e) when (e is EngineException or InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    failures[i] = $"cannot be decoded: {e.Message}";
                }
                int finished = Interlocked.Increment(ref done);
                if (progress is not null && (finished % reportEvery == 0 || finished == dataSet.Count))
                    progress.Report(finished);
            });

            var failed = new SortedDictionary<int, string>(failures);
            store = failed.Count == 0 ? all : Compact(all, failed);
            var keptSizes = sizes.Where((_, i) => !failed.ContainsKey(i)).ToList();
            var centred = centredFallbacks.Where(id => !failed.ContainsKey(id)).Order().ToList();
            ImageCacheFile.Write(path, dataSet.Count, fingerprint, failed, keptSizes, store, crop, centred);
            var failureNote = failed.Count == 0 ? "" : $"; {failed.Count} file(s) failed to decode and were excluded";
            var centredPaths = Paths(dataSet, centred);
            return new CachedImages(dataSet.WithoutSamples(failed), store, keptSizes, FailureList(dataSet, failed),
                path, rebuilt: true, $"{status}: decoded {store.Count} images{CropNote(crop, centredPaths)}{failureNote}", crop, centredPaths);
        }
        catch
        {
            all.Dispose();
            store?.Dispose();
            throw;
        }
    }

    private static ImageStore Compact(ImageStore all, IReadOnlyDictionary<int, string> failed)
    {
        var store = new ImageStore(all.Count - failed.Count, all.Size);
        int next = 0;
        for (int i = 0; i < all.Count; i++)
            if (!failed.ContainsKey(i))
                all.Image(i).CopyTo(store.WritableImage(next++));
        all.Dispose();
        return store;
    }

    private static List<string> Paths(DataSet dataSet, IEnumerable<int> ids) => ids.Select(id => dataSet.Samples[id].RelativePath).ToList();

    // Said every time the images are loaded: a crop that often missed the nucleus is not what it claims to be.
    private static string CropNote(int crop, IReadOnlyList<string> centred) => crop == 0 ? ""
        : $", cropped to {crop} px around the nucleus ({centred.Count} without a nucleus found, cropped at the centre)";

    private static List<SkippedFile> FailureList(DataSet dataSet, IReadOnlyDictionary<int, string> failures) =>
        failures.OrderBy(p => p.Key).Select(p => new SkippedFile(dataSet.Samples[p.Key].RelativePath, p.Value)).ToList();

    /// <summary>The engine's decoder (libjpeg-turbo, libpng, libtiff) as an <see cref="ImageDecodeFunction"/>.</summary>
    public static ImageSize DecodeWithEngine(string path, int size, Span<byte> destination)
    {
        var (width, height) = ImageDecoder.DecodeInto(path, size, destination);
        return new ImageSize(width, height);
    }
}
