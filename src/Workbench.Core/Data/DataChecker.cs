using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Workbench.Data;

/// <summary>
/// Inspects a loaded data set on disk: reads every file once (in parallel) to hash its bytes and
/// read its dimensions from the image header (or decode it), then reports counts, sizes and duplicates.
/// </summary>
public static class DataChecker
{
    /// <summary>Side to which <see cref="Check"/> decodes each image when given a decoder: small, as only readability and the original size matter.</summary>
    public const int DecodeCheckSize = 16;

    /// <summary>
    /// Checks <paramref name="dataSet"/>; <paramref name="progress"/> gets the number of files read. With
    /// <paramref name="decode"/> every image is decoded (a damaged file whose header is fine is then found too) and the
    /// sizes come from the decoder.
    /// </summary>
    public static DataCheckReport Check(DataSet dataSet, IProgress<int>? progress = null, ImageDecodeFunction? decode = null)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        var hashes = new string?[dataSet.Count];
        var sizes = new ImageSize?[dataSet.Count];
        var unreadable = new ConcurrentDictionary<int, string>();
        int done = 0;
        int reportEvery = Math.Max(1, dataSet.Count / 200);

        Parallel.For(0, dataSet.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                var bytes = File.ReadAllBytes(dataSet.FullPath(dataSet.Samples[i]));
                hashes[i] = Convert.ToHexStringLower(SHA256.HashData(bytes));
                if (decode is not null)
                {
                    var pixels = new byte[DecodeCheckSize * DecodeCheckSize * 3];
                    sizes[i] = decode(dataSet.FullPath(dataSet.Samples[i]), DecodeCheckSize, pixels);
                }
                else if (ImageDimensionsReader.TryRead(bytes, out var reason) is { } d)
                    sizes[i] = new ImageSize(d.Width, d.Height);
                else
                    unreadable[i] = $"image header unreadable: {reason}";
            }
            catch (Exception e) when (e is Engine.EngineException or InvalidDataException)
            {
                unreadable[i] = $"cannot be decoded: {e.Message}";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable[i] = $"cannot be read: {e.Message}";
            }
            int finished = Interlocked.Increment(ref done);
            if (progress is not null && (finished % reportEvery == 0 || finished == dataSet.Count))
                progress.Report(finished);
        });

        return new DataCheckReport(
            dataSet.Name,
            dataSet.Root,
            dataSet.Count,
            dataSet.ClassNames,
            CountClasses(dataSet),
            sizes.OfType<ImageSize>().GroupBy(s => s)
                .Select(g => new ImageSizeCount(g.Key.Width, g.Key.Height, g.Count()))
                .OrderByDescending(s => s.Count).ThenBy(s => s.Width).ThenBy(s => s.Height).ToList(),
            dataSet.Skipped,
            unreadable.OrderBy(p => p.Key).Select(p => new SkippedFile(dataSet.Samples[p.Key].RelativePath, p.Value)).ToList(),
            dataSet.Warnings,
            dataSet.Notes,
            FindDuplicates(dataSet, hashes))
        {
            PoolSplits = PoolSplitsOf(dataSet),
            UnlabelledCount = dataSet.UnlabelledCount,
            Decoded = decode is not null,
        };
    }

    /// <summary>BCCD's pool folders among those loaded, when some loaded folder is outside the pool.</summary>
    private static IReadOnlyList<string> PoolSplitsOf(DataSet dataSet)
    {
        if (dataSet.Name != BccdLoader.Name)
            return [];
        var loaded = dataSet.SplitNames;
        return loaded.All(BccdLayout.PoolSplits.Contains) ? [] : BccdLayout.PoolSplits.Where(loaded.Contains).ToList();
    }

    private static List<ClassSplitCount> CountClasses(DataSet dataSet)
    {
        var result = new List<ClassSplitCount>();
        foreach (var (split, counts) in dataSet.CountsPerClassBySplit())
            for (int c = 0; c < counts.Length; c++)
                result.Add(new ClassSplitCount(split, dataSet.ClassNames[c], counts[c]));
        // Classes without any sample still get a row, so an empty class shows as 0.
        if (result.Count == 0)
            result.AddRange(dataSet.ClassNames.Select(n => new ClassSplitCount("", n, 0)));
        return result;
    }

    private static List<DuplicateGroup> FindDuplicates(DataSet dataSet, string?[] hashes) =>
        Enumerable.Range(0, dataSet.Count)
            .Where(i => hashes[i] is not null)
            .GroupBy(i => hashes[i]!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => new DuplicateGroup(g.Key, g.Select(i =>
            {
                var s = dataSet.Samples[i];
                return new DuplicateMember(s.Id, s.RelativePath, s.ClassName, s.Split);
            }).ToList()))
            .OrderByDescending(d => d.HasConflictingLabels).ThenBy(d => d.Members[0].SampleId)
            .ToList();
}
