using System.Security.Cryptography;
using System.Text;

namespace Workbench.Data;

/// <summary>What a cache file says about itself, read before its pixels.</summary>
/// <param name="Size">Side length of the stored images.</param>
/// <param name="ListedCount">Samples in the data set the cache was built from.</param>
/// <param name="Fingerprint">SHA-256 of the file list (see <see cref="ImageCacheFile.Fingerprint"/>).</param>
/// <param name="Failures">Sample ids that failed to decode, with the reason; not stored.</param>
/// <param name="OriginalSizes">Original size of each stored image, in order.</param>
/// <param name="PixelOffset">Byte offset of the pixel block.</param>
/// <param name="Crop">Side of the nucleus-centred crop in original pixels; 0 = whole frames.</param>
/// <param name="CentredFallbacks">Sample ids (as listed) whose crop fell back to the image centre: no nucleus found.</param>
internal sealed record ImageCacheHeader(int Size, int ListedCount, byte[] Fingerprint,
    IReadOnlyDictionary<int, string> Failures, IReadOnlyList<ImageSize> OriginalSizes, long PixelOffset,
    int Crop, IReadOnlyList<int> CentredFallbacks);

/// <summary>
/// Binary cache layout (little-endian): magic "WBIMGC\r\n", version, size, listed count, image count,
/// 32-byte fingerprint, failures (id + reason), original sizes, then image count * size*size*3 pixel
/// bytes. The file length must match exactly, so a truncated file is never used. Cropped images are version 2: the
/// crop side and the ids whose crop fell back to the centre follow the original sizes. Whole frames stay version 1,
/// byte for byte, so the caches built before crops existed are still read.
/// </summary>
internal static class ImageCacheFile
{
    public const int Version = 1;
    public const int CroppedVersion = 2;
    private static ReadOnlySpan<byte> Magic => "WBIMGC\r\n"u8;

    /// <summary>
    /// Hash of everything that decides the cache content: format version, size, data set key, and
    /// per sample its path, file length and modification time.
    /// </summary>
    public static byte[] Fingerprint(DataSet dataSet, int size, int crop = 0)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        // The crop enters only when set, so a whole-frame cache keeps the fingerprint it was written with.
        Add($"v{Version} size {size} key {dataSet.CacheKey} count {dataSet.Count}" + (crop == 0 ? "" : $" crop {crop}"));
        foreach (var sample in dataSet.Samples)
        {
            var info = new FileInfo(dataSet.FullPath(sample));
            var stamp = info.Exists ? $"{info.Length} {info.LastWriteTimeUtc.Ticks}" : "missing";
            Add($"{sample.RelativePath} {stamp}");
        }
        return hash.GetHashAndReset();
    }

    /// <summary>Reads and validates the header; null with the reason when the file cannot be used.</summary>
    public static ImageCacheHeader? TryReadHeader(string path, int size, int crop, int listedCount, byte[] fingerprint, out string reason)
    {
        if (!File.Exists(path))
        {
            reason = "no cache file yet";
            return null;
        }
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                return Invalid("not a workbench image cache (bad magic)", out reason);
            int version = reader.ReadInt32();
            int expected = crop == 0 ? Version : CroppedVersion;
            if (version != expected)
                return Invalid($"format version {version}, expected {expected}", out reason);
            int storedSize = reader.ReadInt32();
            int storedListed = reader.ReadInt32();
            int imageCount = reader.ReadInt32();
            var storedFingerprint = reader.ReadBytes(32);
            if (storedSize != size)
                return Invalid($"image size {storedSize}, expected {size}", out reason);
            if (storedListed != listedCount || !storedFingerprint.AsSpan().SequenceEqual(fingerprint))
                return Invalid("the data set's files changed (fingerprint differs)", out reason);
            int failureCount = reader.ReadInt32();
            if (failureCount < 0 || failureCount > listedCount || imageCount != listedCount - failureCount)
                return Invalid($"inconsistent counts ({imageCount} images, {failureCount} failures, {listedCount} listed)", out reason);
            var failures = new Dictionary<int, string>(failureCount);
            for (int i = 0; i < failureCount; i++)
            {
                int id = reader.ReadInt32();
                string why = reader.ReadString();
                if (id < 0 || id >= listedCount || !failures.TryAdd(id, why))
                    return Invalid($"bad failure entry {id}", out reason);
            }
            var sizes = new ImageSize[imageCount];
            for (int i = 0; i < imageCount; i++)
                sizes[i] = new ImageSize(reader.ReadInt32(), reader.ReadInt32());
            var fallbacks = new List<int>();
            if (version == CroppedVersion)
            {
                int storedCrop = reader.ReadInt32();
                if (storedCrop != crop)
                    return Invalid($"crop of {storedCrop} px, expected {crop}", out reason);
                int fallbackCount = reader.ReadInt32();
                if (fallbackCount < 0 || fallbackCount > listedCount)
                    return Invalid($"bad count of centred crops {fallbackCount}", out reason);
                for (int i = 0; i < fallbackCount; i++)
                {
                    int id = reader.ReadInt32();
                    if (id < 0 || id >= listedCount)
                        return Invalid($"bad centred-crop entry {id}", out reason);
                    fallbacks.Add(id);
                }
            }
            long pixelOffset = stream.Position;
            long expectedLength = pixelOffset + (long)imageCount * size * size * 3;
            if (stream.Length != expectedLength)
                return Invalid($"file is {stream.Length} bytes, expected {expectedLength} (truncated or damaged)", out reason);
            reason = "";
            return new ImageCacheHeader(size, listedCount, storedFingerprint, failures, sizes, pixelOffset, crop, fallbacks);
        }
        catch (EndOfStreamException)
        {
            return Invalid("header is truncated", out reason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Invalid($"cannot be read: {e.Message}", out reason);
        }
    }

    /// <summary>Reads the pixel block into <paramref name="store"/> (which must have the header's count and size).</summary>
    public static void ReadPixels(string path, long pixelOffset, ImageStore store)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        foreach (var (offset, length) in store.Chunks())
        {
            var span = store.Range(offset, length);
            int done = 0;
            while (done < length)
            {
                int read = RandomAccess.Read(handle, span[done..], pixelOffset + offset + done);
                if (read == 0)
                    throw new EndOfStreamException($"Cache file {path} ended early while reading pixels.");
                done += read;
            }
        }
    }

    /// <summary>
    /// Writes the cache to a temporary file next to <paramref name="path"/> and renames it into place,
    /// so a crash never leaves a half-written cache under the real name.
    /// </summary>
    public static void Write(string path, int listedCount, byte[] fingerprint, IReadOnlyDictionary<int, string> failures,
        IReadOnlyList<ImageSize> originalSizes, ImageStore store, int crop = 0, IReadOnlyList<int>? centredFallbacks = null)
    {
        if (originalSizes.Count != store.Count || store.Count != listedCount - failures.Count)
            throw new ArgumentException(
                $"Cache content is inconsistent: {store.Count} images, {originalSizes.Count} sizes, {listedCount} listed, {failures.Count} failures.",
                nameof(originalSizes));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    writer.Write(crop == 0 ? Version : CroppedVersion);
                    writer.Write(store.Size);
                    writer.Write(listedCount);
                    writer.Write(store.Count);
                    writer.Write(fingerprint);
                    writer.Write(failures.Count);
                    foreach (var (id, why) in failures.OrderBy(p => p.Key))
                    {
                        writer.Write(id);
                        writer.Write(why);
                    }
                    foreach (var s in originalSizes)
                    {
                        writer.Write(s.Width);
                        writer.Write(s.Height);
                    }
                    if (crop != 0)
                    {
                        writer.Write(crop);
                        writer.Write(centredFallbacks?.Count ?? 0);
                        foreach (var id in centredFallbacks ?? []) writer.Write(id);
                    }
                }
                foreach (var (offset, length) in store.Chunks())
                    stream.Write(store.Range(offset, length));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static ImageCacheHeader? Invalid(string why, out string reason)
    {
        reason = why;
        return null;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
