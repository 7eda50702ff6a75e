using Workbench.Data;

namespace Workbench.Loop;

/// <summary>
/// Picks the initially labelled subset of the training part, stratified by class and deterministic for a seed.
/// Same rules and same random draws as <see cref="InitialLabels"/> (which works on a <see cref="DataSet"/>), here
/// on a plain label array so that an <see cref="IExperimentData"/> needs no files.
/// </summary>
public static class InitialLabelledPicker
{
    /// <summary>The ids the config asks for (fraction or count per class), ascending.</summary>
    public static IReadOnlyList<int> Pick(ExperimentConfig config, IReadOnlyList<int> labels, int numClasses, IReadOnlyList<int> trainIds)
    {
        ArgumentNullException.ThrowIfNull(config);
        int seed = RoundSeeds.For(config.Seed, 0, SeedPurpose.InitialLabels);
        if (config.InitialPerClass is int perClass) return ByCountPerClass(labels, numClasses, trainIds, perClass, seed);
        return ByFraction(labels, numClasses, trainIds, config.InitialFraction
            ?? throw new ArgumentException("The config gives neither initialFraction nor initialPerClass.", "initialFraction"), seed);
    }

    /// <summary>round(fraction * |train|) ids spread over classes by largest remainder, at least one per class present.</summary>
    public static IReadOnlyList<int> ByFraction(IReadOnlyList<int> labels, int numClasses, IReadOnlyList<int> trainIds, double fraction, int seed)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "fraction must be in (0, 1]");
        var byClass = ByClass(labels, numClasses, trainIds);
        var counts = StratifiedAllocation.Proportional(byClass.Select(l => l.Count).ToArray(), fraction);
        for (int c = 0; c < counts.Length; c++)
            if (byClass[c].Count > 0) counts[c] = Math.Max(counts[c], 1);
        return StratifiedAllocation.PickPerClass(byClass, counts, new Random(seed)).Picked;
    }

    /// <summary><paramref name="countPerClass"/> random ids of every class; a class with fewer is an error naming it.</summary>
    public static IReadOnlyList<int> ByCountPerClass(IReadOnlyList<int> labels, int numClasses, IReadOnlyList<int> trainIds, int countPerClass, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(countPerClass, 1);
        var byClass = ByClass(labels, numClasses, trainIds);
        var short_ = Enumerable.Range(0, numClasses).Where(c => byClass[c].Count < countPerClass).ToList();
        if (short_.Count > 0)
            throw new ArgumentException(
                $"Cannot label {countPerClass} images per class: the training part has too few of class(es) "
                + string.Join(", ", short_.Select(c => $"{c} ({byClass[c].Count})")), "initialPerClass");
        return StratifiedAllocation.PickPerClass(byClass, Enumerable.Repeat(countPerClass, numClasses).ToArray(), new Random(seed)).Picked;
    }

    private static List<int>[] ByClass(IReadOnlyList<int> labels, int numClasses, IReadOnlyList<int> trainIds)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(trainIds);
        if (trainIds.Count == 0) throw new ArgumentException("The training part is empty.", nameof(trainIds));
        var byClass = Enumerable.Range(0, numClasses).Select(_ => new List<int>()).ToArray();
        foreach (int id in trainIds.Distinct()) byClass[labels[id]].Add(id);
        foreach (var list in byClass) list.Sort();
        return byClass;
    }
}
