namespace Workbench.Data;

/// <summary>
/// Near-copy leak audit. A split is leaky when a test image's cell was also trained on; BCCD's file
/// names cannot tell (see <see cref="SourceIndexCheck"/>), so this looks at the pixels instead.
/// </summary>
public static class LeakAudit
{
    /// <summary>
    /// Default near-copy threshold in bits of <see cref="CellHash.Bits"/>, chosen by looking at real pairs:
    /// BCCD at 64 px, each TEST image and its nearest TRAIN image (the provided folders share almost no
    /// cell, so the distances show both kinds of pair). Pairs at 13 bits or less were the same cell in every
    /// pair inspected, at 14 bits one of two, at 15-16 bits none of 15; the number of nearest pairs climbs
    /// from 15 bits on (unrelated cells are 16-35 bits apart). 12 leaves a margin below the first mismatch.
    /// </summary>
    public const int DefaultThreshold = 12;

    /// <summary>Audits one split of <paramref name="hashes"/>.Data; <paramref name="seed"/> is only recorded.</summary>
    public static SplitLeakAudit Run(ImageHashes hashes, Split split, int threshold = DefaultThreshold, int? seed = null, int examples = 4)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfNegative(examples);
        var test = split.TestIds;
        var nearest = new (int Id, int Distance)[test.Count];
        // Stop at 0: nothing is nearer, and for a leaky split most searches end early.
        Parallel.For(0, test.Count, i => nearest[i] = hashes.Nearest(test[i], split.TrainIds, stopAt: 0, skip: -1));

        var data = hashes.Data;
        var counts = new int[CellHash.Bits + 1];
        var perClass = new int[data.ClassNames.Count];
        var hits = new List<int>();
        int sameClass = 0;
        for (int i = 0; i < test.Count; i++)
        {
            if (nearest[i].Id < 0)
                continue;
            counts[nearest[i].Distance]++;
            if (nearest[i].Distance <= threshold)
            {
                hits.Add(i);
                perClass[data.Samples[test[i]].Label]++;
                if (data.Samples[nearest[i].Id].Label == data.Samples[test[i]].Label) sameClass++;
            }
        }
        var shown = Spread(hits, examples).Select(i => new NearCopyPair(
            test[i], data.Samples[test[i]].RelativePath, nearest[i].Id, data.Samples[nearest[i].Id].RelativePath, nearest[i].Distance)).ToList();
        return new SplitLeakAudit(split.Name, seed, threshold, test.Count, hits.Count, perClass, counts, shown) { SameClassNearCopies = sameClass };
    }

    /// <summary>
    /// Tests BCCD's file-name index against the pixels: in <paramref name="folder"/>, per class, each image's
    /// nearest other image; of the near-copies, how many share the index (see <see cref="SourceIndexCheck"/>).
    /// </summary>
    public static SourceIndexCheck CheckSourceIndex(ImageHashes hashes, string folder, int threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(folder);
        var data = hashes.Data;
        var ids = data.IdsInSplits(folder);
        var byClass = ids.GroupBy(id => data.Samples[id].Label).ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.ToList());
        var groupSizes = ids.GroupBy(id => (data.Samples[id].Label, data.Samples[id].SourceGroup)).ToDictionary(g => g.Key, g => g.Count());
        var nearest = new (int Id, int Distance)[ids.Count];
        Parallel.For(0, ids.Count, i =>
            nearest[i] = hashes.Nearest(ids[i], byClass[data.Samples[ids[i]].Label], stopAt: 0, skip: ids[i]));

        int linked = 0, same = 0;
        double chance = 0;
        for (int i = 0; i < ids.Count; i++)
        {
            if (nearest[i].Id < 0 || nearest[i].Distance > threshold)
                continue;
            var s = data.Samples[ids[i]];
            linked++;
            if (s.SourceGroup >= 0 && s.SourceGroup == data.Samples[nearest[i].Id].SourceGroup)
                same++;
            // A random other image of the class would share the index with this probability.
            chance += (groupSizes[(s.Label, s.SourceGroup)] - 1) / (double)(byClass[s.Label].Count - 1);
        }
        return new SourceIndexCheck(folder, threshold, ids.Count, linked, same, linked == 0 ? 0 : chance / linked);
    }

    /// <summary>
    /// The BCCD audit: paper and grouped splits for each seed, the provided folders once, and the
    /// file-name index check on TEST. <paramref name="progress"/> gets one line per step.
    /// </summary>
    public static LeakAuditReport ForBccd(ImageHashes hashes, int imageSize, IReadOnlyList<int> seeds,
        int threshold = DefaultThreshold, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
            throw new ArgumentException("At least one seed is needed.", nameof(seeds));
        var data = hashes.Data;
        var audits = new List<SplitLeakAudit>();
        foreach (var seed in seeds)
            foreach (var split in new[] { Splits.Paper(data, seed), Splits.Grouped(data, seed) })
            {
                progress?.Invoke($"auditing the {split.Name} split, seed {seed}");
                audits.Add(Run(hashes, split, threshold, seed));
            }
        progress?.Invoke("auditing the provided split");
        audits.Add(Run(hashes, Splits.Provided(data), threshold));
        progress?.Invoke("checking the file-name source index");
        var index = CheckSourceIndex(hashes, BccdLayout.Test, threshold);
        return new LeakAuditReport(data.Name, data.ClassNames, threshold, imageSize, audits, index);
    }

    /// <summary>
    /// The audit of a data set without folders to keep apart (PBC): the stratified 50/50 split (<see cref="Splits.Stratified"/>,
    /// the split `reproduce poster --dataset pbc` runs) for each seed, with the distinct cells among its test images.
    /// </summary>
    public static LeakAuditReport ForStratified(ImageHashes hashes, int imageSize, IReadOnlyList<int> seeds,
        int threshold = DefaultThreshold, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
            throw new ArgumentException("At least one seed is needed.", nameof(seeds));
        var audits = new List<SplitLeakAudit>();
        foreach (var seed in seeds)
        {
            var split = Splits.Stratified(hashes.Data, 0.5, seed);
            progress?.Invoke($"auditing the {split.Name} split, seed {seed}");
            audits.Add(Run(hashes, split, threshold, seed) with { TestCells = NearCopyClusters.Count(hashes, split.TestIds, threshold) });
        }
        return new LeakAuditReport(hashes.Data.Name, hashes.Data.ClassNames, threshold, imageSize, audits, SourceIndex: null);
    }

    /// <summary>Up to <paramref name="count"/> items evenly spread over <paramref name="items"/>.</summary>
    private static IEnumerable<int> Spread(IReadOnlyList<int> items, int count)
    {
        if (count == 0 || items.Count == 0)
            return [];
        if (items.Count <= count)
            return items;
        return Enumerable.Range(0, count).Select(k => items[(int)((long)k * items.Count / count)]);
    }
}
