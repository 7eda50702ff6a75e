namespace Workbench.Data;

/// <summary>
/// Splits of a user's own images (<see cref="OwnData"/>). The unlabelled pool is always on the training side. <c>provided</c>
/// tests on the user's test part (none when there is none: the loop then reports no test metrics); <c>grouped</c>,
/// <c>stratified</c> and <c>per-class-N</c> hold out part of the labelled images instead (20%, by group or by class).
/// The default is grouped when the labelled images carry groups and there is no test part, else provided.
/// </summary>
public static class OwnDataSplits
{
    /// <summary>Fraction of the labelled images that grouped and stratified hold out for testing.</summary>
    public const double HeldOutFraction = 0.2;

    /// <summary>The split used when the user names none.</summary>
    public static SplitName DefaultSplit(DataSet dataSet)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        bool hasTest = dataSet.Samples.Any(s => s.Split == OwnData.TestSplit);
        bool grouped = dataSet.Samples.Any(s => s.Split == OwnData.LabelledSplit && s.SourceGroup >= 0);
        return grouped && !hasTest ? SplitName.Grouped : SplitName.Provided;
    }

    /// <summary>Builds the split <paramref name="name"/> of an own data set.</summary>
    /// <exception cref="ArgumentException">The paper split (made of BCCD's folders), listing the valid ones.</exception>
    /// <exception cref="DataSetException">A split that holds out labelled images on data that has its own test part.</exception>
    public static Split Create(SplitName name, DataSet dataSet, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        if (SplitName.Problem(name.Value, ownData: true) is { } problem)
            throw new ArgumentException(problem, nameof(name));
        var labelled = dataSet.IdsInSplits(OwnData.LabelledSplit);
        var unlabelled = dataSet.IdsInSplits(OwnData.UnlabelledSplit);
        var test = dataSet.IdsInSplits(OwnData.TestSplit);
        if (name.Kind == SplitKind.Provided)
            return new Split(labelled.Concat(unlabelled).Order().ToList(), test, name.Value);
        if (test.Count > 0)
            throw new DataSetException(
                $"Split '{name}' holds out labelled images for testing, but '{dataSet.Root}' has its own test part ({test.Count} images): use the split 'provided'.");
        Split held = name.Kind switch
        {
            SplitKind.Grouped => Splits.GroupedOver(dataSet, labelled, seed, HeldOutFraction, name.Value),
            SplitKind.Stratified => Splits.StratifiedFraction(dataSet, labelled, HeldOutFraction, seed, name.Value),
            _ => PerClass(dataSet, labelled, name.TestPerClass, seed),
        };
        return held with { TrainIds = held.TrainIds.Concat(unlabelled).Order().ToList() };
    }

    private static Split PerClass(DataSet dataSet, IReadOnlyList<int> labelled, int perClass, int seed)
    {
        var byClass = StratifiedAllocation.ByClass(dataSet, labelled);
        var tooSmall = Enumerable.Range(0, byClass.Length).Where(c => byClass[c].Count <= perClass).ToList();
        if (tooSmall.Count > 0)
            throw new DataSetException(
                $"Cannot hold out {perClass} labelled images per class of '{dataSet.Root}': class(es) with too few: "
                + string.Join(", ", tooSmall.Select(c => $"{dataSet.ClassNames[c]} ({byClass[c].Count})")));
        var (test, train) = StratifiedAllocation.PickPerClass(byClass, Enumerable.Repeat(perClass, byClass.Length).ToArray(), new Random(seed));
        return new Split(train, test, SplitName.PerClass(perClass).Value);
    }
}
