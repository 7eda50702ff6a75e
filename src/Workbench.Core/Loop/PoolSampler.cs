using Workbench.Common;

namespace Workbench.Loop;

/// <summary>The seeded random subsample of the unlabelled pool scored in one round (bone-marrow paper: 5000).</summary>
public static class PoolSampler
{
    /// <summary>
    /// <paramref name="size"/> ids drawn without replacement (partial Fisher-Yates with <c>new Random(seed)</c>),
    /// ascending; the whole pool when <paramref name="size"/> is null or not smaller than it.
    /// </summary>
    public static IReadOnlyList<int> Subsample(IReadOnlyList<int> pool, int? size, int seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (size is < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "size must be >= 1 or null");
        if (size is not int take || take >= pool.Count) return pool;
        var items = pool.ToArray();
        SeededDraw.PartialShuffle(items, take, seed);
        Array.Sort(items, 0, take);
        return items[..take];
    }
}
