namespace Workbench.Data;

/// <summary>
/// <see cref="CellHash"/> hashes of every sample of <see cref="Data"/> in all orientations (image i is
/// <c>Data.Samples[i]</c>). Immutable after construction; safe to search from several threads.
/// </summary>
public sealed class ImageHashes
{
    private readonly ulong[] _variants;  // per image: VariantCount x Words
    private readonly ulong[] _canonical; // per image: Words (the unrotated, unflipped hash), contiguous for scanning

    private ImageHashes(DataSet data, ulong[] variants)
    {
        Data = data;
        _variants = variants;
        _canonical = new ulong[data.Count * CellHash.Words];
        int stride = CellHash.VariantCount * CellHash.Words;
        for (int i = 0; i < data.Count; i++)
            variants.AsSpan(i * stride + CellHash.CanonicalVariant * CellHash.Words, CellHash.Words)
                .CopyTo(_canonical.AsSpan(i * CellHash.Words));
    }

    /// <summary>The samples the hashes belong to.</summary>
    public DataSet Data { get; }

    /// <summary>Number of hashed images.</summary>
    public int Count => Data.Count;

    /// <summary>Hashes the decoded images of a cache load (build splits on <see cref="CachedImages.Data"/>).</summary>
    public static ImageHashes Compute(CachedImages images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Compute(images.Data, images.Images, images.OriginalSizes);
    }

    /// <summary>Hashes <paramref name="images"/>, image i being sample i of <paramref name="data"/> with original size <paramref name="originalSizes"/>[i].</summary>
    public static ImageHashes Compute(DataSet data, ImageStore images, IReadOnlyList<ImageSize> originalSizes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(originalSizes);
        if (images.Count != data.Count || originalSizes.Count != data.Count)
            throw new ArgumentException(
                $"Images ({images.Count}), original sizes ({originalSizes.Count}) and samples ({data.Count}) must match.", nameof(images));
        int stride = CellHash.VariantCount * CellHash.Words;
        var variants = new ulong[data.Count * stride];
        Parallel.For(0, data.Count, i =>
            CellHash.Compute(images.Image(i), images.Size, originalSizes[i], variants.AsSpan(i * stride, stride)));
        return new ImageHashes(data, variants);
    }

    /// <summary>
    /// Distance from <paramref name="query"/> to <paramref name="reference"/>: the fewest differing bits
    /// between any orientation of the query and the reference as it is.
    /// </summary>
    public int Distance(int query, int reference)
    {
        CheckId(query);
        CheckId(reference);
        return Nearest(query, [reference], stopAt: -1, skip: -1).Distance;
    }

    /// <summary>
    /// The candidate nearest to <paramref name="query"/> (the first in list order on ties) and its distance,
    /// skipping <paramref name="skip"/>; the search stops at the first candidate within <paramref name="stopAt"/>
    /// (a near-copy cannot get nearer than 0, so the audit stops there). (-1, int.MaxValue) when there is no candidate.
    /// </summary>
    internal (int Id, int Distance) Nearest(int query, IReadOnlyList<int> candidates, int stopAt, int skip)
    {
        int stride = CellHash.VariantCount * CellHash.Words;
        var q = _variants.AsSpan(query * stride, stride);
        int best = int.MaxValue, bestId = -1;
        foreach (var candidate in candidates)
        {
            if (candidate == skip)
                continue;
            var c = _canonical.AsSpan(candidate * CellHash.Words, CellHash.Words);
            for (int v = 0; v < CellHash.VariantCount; v++)
            {
                int d = CellHash.Distance(q.Slice(v * CellHash.Words, CellHash.Words), c);
                if (d < best)
                {
                    best = d;
                    bestId = candidate;
                }
            }
            if (best <= stopAt)
                break;
        }
        return (bestId, best);
    }

    /// <summary>
    /// The smaller of the two directed distances (each image's orientations against the other as it is), without the
    /// allocation of <see cref="Distance"/>: for all-pairs searches, where the direction should not matter.
    /// </summary>
    internal int SymmetricDistance(int a, int b)
    {
        int stride = CellHash.VariantCount * CellHash.Words;
        var qa = _variants.AsSpan(a * stride, stride);
        var qb = _variants.AsSpan(b * stride, stride);
        var ca = _canonical.AsSpan(a * CellHash.Words, CellHash.Words);
        var cb = _canonical.AsSpan(b * CellHash.Words, CellHash.Words);
        int best = int.MaxValue;
        for (int v = 0; v < CellHash.VariantCount; v++)
        {
            best = Math.Min(best, CellHash.Distance(qa.Slice(v * CellHash.Words, CellHash.Words), cb));
            best = Math.Min(best, CellHash.Distance(qb.Slice(v * CellHash.Words, CellHash.Words), ca));
        }
        return best;
    }

    private void CheckId(int id)
    {
        if ((uint)id >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Image id must be in 0..{Count - 1}.");
    }
}
