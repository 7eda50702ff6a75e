namespace Workbench.Data;

/// <summary>
/// The initially labelled subset of a training part, stratified by class and deterministic for a
/// seed: by fraction (poster: 2%) or by count per class (bone-marrow: 25).
/// </summary>
public static class InitialLabels
{
    /// <summary>
    /// round(fraction * |train|) ids spread over classes by largest remainder, and at least one per
    /// class present in the training part (which can add a few). Ascending ids.
    /// </summary>
    public static IReadOnlyList<int> ByFraction(DataSet dataSet, IReadOnlyList<int> trainIds, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        ArgumentNullException.ThrowIfNull(trainIds);
        StratifiedAllocation.CheckFraction(fraction, nameof(fraction), allowOne: true);
        var byClass = ClassesOf(dataSet, trainIds);
        var counts = StratifiedAllocation.Proportional(byClass.Select(l => l.Count).ToArray(), fraction);
        for (int c = 0; c < counts.Length; c++)
            if (byClass[c].Count > 0)
                counts[c] = Math.Max(counts[c], 1);
        return StratifiedAllocation.PickPerClass(byClass, counts, new Random(seed)).Picked;
    }

    /// <summary>
    /// <paramref name="countPerClass"/> random ids of every class; a class with fewer training
    /// images is an error naming it. Ascending ids.
    /// </summary>
    public static IReadOnlyList<int> ByCountPerClass(DataSet dataSet, IReadOnlyList<int> trainIds, int countPerClass, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        ArgumentNullException.ThrowIfNull(trainIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(countPerClass, 1);
        var byClass = ClassesOf(dataSet, trainIds);
        var short_ = Enumerable.Range(0, byClass.Length).Where(c => byClass[c].Count < countPerClass).ToList();
        if (short_.Count > 0)
            throw new DataSetException(
                $"Cannot label {countPerClass} images per class in '{dataSet.Name}': the training part has too few of "
                + string.Join(", ", short_.Select(c => $"{dataSet.ClassNames[c]} ({byClass[c].Count})")));
        var counts = Enumerable.Repeat(countPerClass, byClass.Length).ToArray();
        return StratifiedAllocation.PickPerClass(byClass, counts, new Random(seed)).Picked;
    }

    private static List<int>[] ClassesOf(DataSet dataSet, IReadOnlyList<int> trainIds)
    {
        if (trainIds.Count == 0)
            throw new ArgumentException("The training part is empty.", nameof(trainIds));
        return StratifiedAllocation.ByClass(dataSet, trainIds);
    }
}
