namespace Workbench.Data;

/// <summary>Per-class counts and random picks shared by the split and labelled-subset builders.</summary>
internal static class StratifiedAllocation
{
    /// <summary>
    /// Splits round(fraction * total) over classes in proportion to their sizes by largest remainder;
    /// equal remainders go to the lower class index, so the result does not depend on a seed.
    /// </summary>
    public static int[] Proportional(IReadOnlyList<int> classCounts, double fraction)
    {
        long total = classCounts.Sum(c => (long)c);
        int target = (int)Math.Round(fraction * total, MidpointRounding.AwayFromZero);
        var result = new int[classCounts.Count];
        var remainders = new double[classCounts.Count];
        int assigned = 0;
        for (int c = 0; c < classCounts.Count; c++)
        {
            double exact = fraction * classCounts[c];
            result[c] = (int)Math.Floor(exact);
            remainders[c] = exact - result[c];
            assigned += result[c];
        }
        var order = Enumerable.Range(0, classCounts.Count)
            .Where(c => result[c] < classCounts[c])
            .OrderByDescending(c => remainders[c]).ThenBy(c => c).ToList();
        for (int i = 0; assigned < target && i < order.Count; i++, assigned++)
            result[order[i]]++;
        return result;
    }

    /// <summary>Ids grouped by label, each list ascending (so picks do not depend on input order).</summary>
    public static List<int>[] ByClass(DataSet dataSet, IEnumerable<int> ids) =>
        ByClass(dataSet.Samples.Select(s => s.Label).ToArray(), dataSet.ClassNames.Count, ids);

    /// <summary>Ids grouped by <paramref name="labels"/>[id], each list ascending.</summary>
    public static List<int>[] ByClass(IReadOnlyList<int> labels, int numClasses, IEnumerable<int> ids)
    {
        var byClass = Enumerable.Range(0, numClasses).Select(_ => new List<int>()).ToArray();
        foreach (var id in ids.Distinct())
            byClass[labels[id]].Add(id);
        foreach (var list in byClass)
            list.Sort();
        return byClass;
    }

    /// <summary>Fisher-Yates shuffle driven by <paramref name="random"/>.</summary>
    public static void Shuffle<T>(IList<T> items, Random random)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// For each class, shuffles its ids and takes the first <c>counts[c]</c> as "picked"; returns
    /// picked and remaining, both ascending.
    /// </summary>
    public static (List<int> Picked, List<int> Remaining) PickPerClass(List<int>[] byClass, IReadOnlyList<int> counts, Random random)
    {
        var picked = new List<int>();
        var rest = new List<int>();
        for (int c = 0; c < byClass.Length; c++)
        {
            var ids = byClass[c].ToList();
            Shuffle(ids, random);
            picked.AddRange(ids.Take(counts[c]));
            rest.AddRange(ids.Skip(counts[c]));
        }
        picked.Sort();
        rest.Sort();
        return (picked, rest);
    }

    public static void CheckFraction(double fraction, string paramName, bool allowOne)
    {
        bool ok = double.IsFinite(fraction) && fraction > 0 && (allowOne ? fraction <= 1 : fraction < 1);
        if (!ok)
            throw new ArgumentOutOfRangeException(paramName, fraction,
                allowOne ? "Fraction must be in (0, 1]." : "Fraction must be in (0, 1).");
    }
}
