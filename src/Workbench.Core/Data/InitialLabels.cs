namespace Workbench.Data;

/// <summary>
/// The initially labelled subset of a training part, stratified by class and deterministic for a
/// seed: by fraction (poster: 2%) or by count per class (bone-marrow: 25). Works on plain label arrays, so the
/// loop's in-memory data needs no files; the <see cref="DataSet"/> overloads use the data set's labels.
/// </summary>
public static class InitialLabels
{
    /// <summary>
    /// round(fraction * |train|) ids spread over classes by largest remainder, and at least one per
    /// class present in the training part (which can add a few). Ascending ids.
    /// </summary>
    public static IReadOnlyList<int> ByFraction(IReadOnlyList<int> labels, int numClasses, IReadOnlyList<int> trainIds, double fraction, int seed)
    {
        StratifiedAllocation.CheckFraction(fraction, nameof(fraction), allowOne: true);
        var byClass = ClassesOf(labels, numClasses, trainIds);
        var counts = StratifiedAllocation.Proportional(byClass.Select(l => l.Count).ToArray(), fraction);
        for (int c = 0; c < counts.Length; c++)
            if (byClass[c].Count > 0)
                counts[c] = Math.Max(counts[c], 1);
        return StratifiedAllocation.PickPerClass(byClass, counts, new Random(seed)).Picked;
    }

    /// <summary>
    /// <paramref name="countPerClass"/> random ids of every class; a class with fewer training
    /// images is an error naming it (by <paramref name="classNames"/>). Ascending ids.
    /// </summary>
    /// <exception cref="DataSetException">A class has fewer than <paramref name="countPerClass"/> training images.</exception>
    public static IReadOnlyList<int> ByCountPerClass(IReadOnlyList<int> labels, IReadOnlyList<string> classNames, IReadOnlyList<int> trainIds,
        int countPerClass, int seed, string dataName = "the data")
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(countPerClass, 1);
        var byClass = ClassesOf(labels, classNames.Count, trainIds);
        var short_ = Enumerable.Range(0, byClass.Length).Where(c => byClass[c].Count < countPerClass).ToList();
        if (short_.Count > 0)
            throw new DataSetException(
                $"Cannot label {countPerClass} images per class in '{dataName}': the training part has too few of "
                + string.Join(", ", short_.Select(c => $"{classNames[c]} ({byClass[c].Count})")));
        var counts = Enumerable.Repeat(countPerClass, byClass.Length).ToArray();
        return StratifiedAllocation.PickPerClass(byClass, counts, new Random(seed)).Picked;
    }

    /// <summary><see cref="ByFraction(IReadOnlyList{int}, int, IReadOnlyList{int}, double, int)"/> on a data set.</summary>
    public static IReadOnlyList<int> ByFraction(DataSet dataSet, IReadOnlyList<int> trainIds, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        return ByFraction(LabelsOf(dataSet), dataSet.ClassNames.Count, trainIds, fraction, seed);
    }

    /// <summary><see cref="ByCountPerClass(IReadOnlyList{int}, IReadOnlyList{string}, IReadOnlyList{int}, int, int, string)"/> on a data set.</summary>
    public static IReadOnlyList<int> ByCountPerClass(DataSet dataSet, IReadOnlyList<int> trainIds, int countPerClass, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        return ByCountPerClass(LabelsOf(dataSet), dataSet.ClassNames, trainIds, countPerClass, seed, dataSet.Name);
    }

    private static int[] LabelsOf(DataSet dataSet) => dataSet.Samples.Select(s => s.Label).ToArray();

    private static List<int>[] ClassesOf(IReadOnlyList<int> labels, int numClasses, IReadOnlyList<int> trainIds)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(trainIds);
        if (trainIds.Count == 0)
            throw new ArgumentException("The training part is empty.", nameof(trainIds));
        if (trainIds.Any(id => id < 0 || id >= labels.Count))
            throw new ArgumentOutOfRangeException(nameof(trainIds), $"A training id is outside 0..{labels.Count - 1}.");
        return StratifiedAllocation.ByClass(labels, numClasses, trainIds);
    }
}
