using Workbench.Data;

namespace Workbench.Reports;

/// <summary>
/// The source-group structure of a data set (BCCD: ~2,500 augmented images per class made from a few dozen original
/// cells) and the train/test leak it causes when a split ignores it.
/// </summary>
public static class SourceGroups
{
    /// <summary>Per class: images, distinct sources and copies per source, over <paramref name="ids"/> (default: all samples).</summary>
    public static IReadOnlyList<SourceGroupSummary> PerClass(DataSet data, IEnumerable<int>? ids = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var samples = (ids ?? Enumerable.Range(0, data.Count)).Select(data.SampleAt).ToList();
        var summaries = new List<SourceGroupSummary>();
        for (int label = 0; label < data.ClassNames.Count; label++)
        {
            var copies = samples.Where(s => s.Label == label)
                .GroupBy(s => s.SourceGroup < 0 ? -1 - s.Id : s.SourceGroup)
                .Select(g => g.Count()).ToList();
            summaries.Add(copies.Count == 0
                ? new SourceGroupSummary(data.ClassNames[label], 0, 0, 0, 0, 0)
                : new SourceGroupSummary(data.ClassNames[label], copies.Sum(), copies.Count, copies.Average(), copies.Min(), copies.Max()));
        }
        return summaries;
    }

    /// <summary>The ids of the images made from source <paramref name="sourceGroup"/>, ascending.</summary>
    /// <exception cref="ArgumentException">No sample has that source group.</exception>
    public static IReadOnlyList<int> Members(DataSet data, int sourceGroup)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (sourceGroup < 0) throw new ArgumentException($"source group must be >= 0, got {sourceGroup}", nameof(sourceGroup));
        var ids = data.Samples.Where(s => s.SourceGroup == sourceGroup).Select(s => s.Id).ToArray();
        return ids.Length > 0 ? ids : throw new ArgumentException($"no sample of '{data.Name}' has source group {sourceGroup}", nameof(sourceGroup));
    }

    /// <summary>
    /// The source group of class <paramref name="label"/> with the most images on both sides of <paramref name="split"/>
    /// (the smaller side counts; ties go to the lower group): the clearest example of the leak. Null when no group of
    /// the class is on both sides.
    /// </summary>
    public static int? MostLeakedGroup(DataSet data, Split split, int label)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        var train = Groups(data, split.TrainIds, label);
        var test = Groups(data, split.TestIds, label);
        return train.Keys.Where(test.ContainsKey)
            .Select(g => (Group: g, Both: Math.Min(train[g], test[g])))
            .OrderByDescending(p => p.Both).ThenBy(p => p.Group)
            .Select(p => (int?)p.Group).FirstOrDefault();
    }

    /// <summary>How many test images of <paramref name="split"/> have a copy of the same source cell in its training part.</summary>
    public static SplitLeak Leak(DataSet data, Split split)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(split);
        var trainGroups = split.TrainIds.Select(id => data.SampleAt(id).SourceGroup).Where(g => g >= 0).ToHashSet();
        var testGroups = split.TestIds.Select(id => data.SampleAt(id).SourceGroup).Where(g => g >= 0).ToHashSet();
        int leaked = split.TestIds.Count(id => data.SampleAt(id).SourceGroup is var g && g >= 0 && trainGroups.Contains(g));
        return new SplitLeak(split.Name, split.TestIds.Count, leaked, testGroups.Count, testGroups.Count(trainGroups.Contains));
    }

    private static Dictionary<int, int> Groups(DataSet data, IEnumerable<int> ids, int label) =>
        ids.Select(data.SampleAt).Where(s => s.Label == label && s.SourceGroup >= 0)
            .GroupBy(s => s.SourceGroup).ToDictionary(g => g.Key, g => g.Count());
}
