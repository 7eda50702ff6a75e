using System.Globalization;

namespace Workbench.Data;

/// <summary>
/// Train/test splits, each deterministic for a seed. <c>paper</c> reproduces the poster's leaky
/// random 50/50 split of the BCCD pool; <c>grouped</c> keeps each file-name group on one side, which
/// for BCCD does not keep a cell on one side (about as leaky as paper, see <see cref="LeakAudit"/>);
/// <c>provided</c> uses the TRAIN/TEST folders (2% of TEST has a near-copy in TRAIN); the stratified ones serve PBC (no groups).
/// </summary>
public static class Splits
{
    /// <summary>Builds the split called <paramref name="name"/>; an unknown name is one line listing the valid ones.</summary>
    public static Split Create(string name, DataSet dataSet, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        return Create(SplitName.Parse(name, dataSet.IsOwnData, nameof(name)), dataSet, seed);
    }

    /// <summary>Builds the split <paramref name="name"/> of <paramref name="dataSet"/>, deterministic for <paramref name="seed"/>.</summary>
    public static Split Create(SplitName name, DataSet dataSet, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        if (dataSet.IsOwnData)
            return OwnDataSplits.Create(name, dataSet, seed);
        return name.Kind switch
        {
            SplitKind.Paper => Paper(dataSet, seed),
            SplitKind.Grouped => Grouped(dataSet, seed),
            SplitKind.Provided => Provided(dataSet),
            SplitKind.Stratified => Stratified(dataSet, 0.5, seed),
            SplitKind.PerClass => StratifiedTestCount(dataSet, name.TestPerClass, seed),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name.Kind, "unknown split kind"),
        };
    }

    /// <summary>
    /// The SSL+AL poster's split: BCCD TRAIN+TEST pooled (12,444) and split 50/50 at random,
    /// stratified by class. Leaky: augmented copies of one cell land on both sides.
    /// </summary>
    public static Split Paper(DataSet dataSet, int seed)
    {
        var pool = BccdPool(dataSet, SplitName.Paper.Value);
        return StratifiedFraction(dataSet, pool, 0.5, seed, SplitName.Paper.Value);
    }

    /// <summary>
    /// Splits by source group: every group goes wholly to one side, groups assigned in random order
    /// so that each class gets close to <paramref name="testFraction"/> of its images in test. BCCD's
    /// groups come from the file-name index, which is not the cell: 84% of the test images still have a
    /// near-copy on the training side (<see cref="LeakAudit"/>), as with the paper split.
    /// Uses the TRAIN+TEST pool when the set has those splits, else all samples.
    /// </summary>
    public static Split Grouped(DataSet dataSet, int seed, double testFraction = 0.5)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        StratifiedAllocation.CheckFraction(testFraction, nameof(testFraction), allowOne: false);
        dataSet.EnsureUsableForTraining();
        var pool = dataSet.IdsInSplits(BccdLayout.Train, BccdLayout.Test);
        if (pool.Count == 0)
            pool = Enumerable.Range(0, dataSet.Count).ToList();
        return GroupedOver(dataSet, pool, seed, testFraction, SplitName.Grouped.Value);
    }

    /// <summary><see cref="Grouped"/> over the ids of <paramref name="pool"/> only.</summary>
    internal static Split GroupedOver(DataSet dataSet, IReadOnlyList<int> pool, int seed, double testFraction, string name)
    {
        var ungrouped = pool.Where(id => dataSet.Samples[id].SourceGroup < 0).ToList();
        if (ungrouped.Count > 0)
            throw new DataSetException(
                $"Grouped split needs a source group for every sample; {ungrouped.Count} sample(s) of '{dataSet.Name}' have none "
                + $"(first: {dataSet.Samples[ungrouped[0]].RelativePath}). Use a stratified split instead.");

        var members = pool.GroupBy(id => dataSet.Samples[id].SourceGroup)
            .OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var random = new Random(seed);
        StratifiedAllocation.Shuffle(members, random);

        var classCounts = dataSet.CountsPerClass(pool);
        var targets = classCounts.Select(c => testFraction * c).ToArray();
        var inTest = new double[classCounts.Length];
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in members)
        {
            // A group is accounted to its majority class; in BCCD a group never spans classes.
            int label = group.GroupBy(id => dataSet.Samples[id].Label)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            // Take the group into test when that brings the class closer to its target.
            if (inTest[label] + group.Count / 2.0 <= targets[label])
            {
                inTest[label] += group.Count;
                test.AddRange(group);
            }
            else
            {
                train.AddRange(group);
            }
        }
        train.Sort();
        test.Sort();
        return new Split(train, test, name);
    }

    /// <summary>
    /// The BCCD TRAIN and TEST folders as they come (80/20 by source image). Nearly leak-free: 58 of the 2,487
    /// TEST images (45 EOSINOPHIL, 13 NEUTROPHIL) have a near-copy in TRAIN (<see cref="LeakAudit"/>).
    /// </summary>
    public static Split Provided(DataSet dataSet)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        dataSet.EnsureUsableForTraining();
        var train = dataSet.IdsInSplits(BccdLayout.Train);
        var test = dataSet.IdsInSplits(BccdLayout.Test);
        if (train.Count == 0 || test.Count == 0)
            throw new DataSetException(
                $"Provided split needs both {BccdLayout.Train} and {BccdLayout.Test} folders loaded; data set '{dataSet.Name}' has "
                + $"{train.Count} TRAIN and {test.Count} TEST samples.");
        return new Split(train, test, SplitName.Provided.Value);
    }

    /// <summary>Random split of all samples, stratified by class, with a test fraction in (0, 1).</summary>
    public static Split Stratified(DataSet dataSet, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        StratifiedAllocation.CheckFraction(testFraction, nameof(testFraction), allowOne: false);
        var name = "stratified-" + testFraction.ToString("0.###", CultureInfo.InvariantCulture);
        return StratifiedFraction(dataSet, Enumerable.Range(0, dataSet.Count).ToList(), testFraction, seed, name);
    }

    /// <summary>
    /// Random split with exactly <paramref name="testPerClass"/> test images per class (the
    /// bone-marrow protocol uses 50); every class must keep at least one training image.
    /// </summary>
    public static Split StratifiedTestCount(DataSet dataSet, int testPerClass, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        ArgumentOutOfRangeException.ThrowIfLessThan(testPerClass, 1);
        dataSet.EnsureUsableForTraining();
        var byClass = StratifiedAllocation.ByClass(dataSet, Enumerable.Range(0, dataSet.Count));
        var tooSmall = Enumerable.Range(0, byClass.Length).Where(c => byClass[c].Count <= testPerClass).ToList();
        if (tooSmall.Count > 0)
            throw new DataSetException(
                $"Cannot hold out {testPerClass} test images per class in '{dataSet.Name}': class(es) with too few images: "
                + string.Join(", ", tooSmall.Select(c => $"{dataSet.ClassNames[c]} ({byClass[c].Count})")));
        var counts = Enumerable.Repeat(testPerClass, byClass.Length).ToArray();
        var (test, train) = StratifiedAllocation.PickPerClass(byClass, counts, new Random(seed));
        return new Split(train, test, SplitName.PerClass(testPerClass).Value);
    }

    internal static Split StratifiedFraction(DataSet dataSet, IReadOnlyList<int> pool, double testFraction, int seed, string name)
    {
        dataSet.EnsureUsableForTraining();
        var byClass = StratifiedAllocation.ByClass(dataSet, pool);
        var testCounts = StratifiedAllocation.Proportional(byClass.Select(l => l.Count).ToArray(), testFraction);
        var (test, train) = StratifiedAllocation.PickPerClass(byClass, testCounts, new Random(seed));
        return new Split(train, test, name);
    }

    private static IReadOnlyList<int> BccdPool(DataSet dataSet, string splitName)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        var train = dataSet.IdsInSplits(BccdLayout.Train);
        var test = dataSet.IdsInSplits(BccdLayout.Test);
        if (train.Count == 0 || test.Count == 0)
            throw new DataSetException(
                $"The {splitName} split pools the BCCD {BccdLayout.Train} and {BccdLayout.Test} folders; data set '{dataSet.Name}' has "
                + $"{train.Count} TRAIN and {test.Count} TEST samples. Load bccd with both splits.");
        return train.Concat(test).ToList();
    }
}
