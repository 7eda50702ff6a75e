namespace Workbench.Data;

/// <summary>
/// Single-linkage clusters of near-copies: two images of the same class within <c>threshold</c> bits share a cluster,
/// and so do chains of such pairs. An estimate of the number of independent cells behind augmented images, where no
/// original says which cell an image shows (the paper split's test half). Chaining can merge two similar cells and a
/// copy augmented beyond the hash's reach splits off, so the count is checked against TEST, whose cells are known.
/// </summary>
public static class NearCopyClusters
{
    /// <summary>Cluster id (0..k-1, in order of first member) of each of <paramref name="ids"/>.</summary>
    public static int[] Assign(ImageHashes hashes, IReadOnlyList<int> ids, int threshold = LeakAudit.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        var samples = hashes.Data.Samples;
        var parent = Enumerable.Range(0, ids.Count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }
        // Pairs are found in parallel (the quadratic part), joined afterwards (union-find is not thread-safe).
        var links = new List<(int, int)>[ids.Count];
        Parallel.For(0, ids.Count, i =>
        {
            var found = new List<(int, int)>();
            for (int j = i + 1; j < ids.Count; j++)
                if (samples[ids[i]].Label == samples[ids[j]].Label && hashes.SymmetricDistance(ids[i], ids[j]) <= threshold)
                    found.Add((i, j));
            links[i] = found;
        });
        foreach (var (i, j) in links.SelectMany(l => l))
            parent[Find(i)] = Find(j);
        var numbers = new Dictionary<int, int>();
        return Enumerable.Range(0, ids.Count).Select(i =>
        {
            int root = Find(i);
            if (!numbers.TryGetValue(root, out var n)) numbers[root] = n = numbers.Count;
            return n;
        }).ToArray();
    }

    /// <summary>Number of clusters among <paramref name="ids"/>.</summary>
    public static int Count(ImageHashes hashes, IReadOnlyList<int> ids, int threshold = LeakAudit.DefaultThreshold) =>
        ids.Count == 0 ? 0 : Assign(hashes, ids, threshold).Max() + 1;
}
