namespace Workbench.Common;

/// <summary>Seeded draws that must be identical wherever they are made, so a resumed run repeats an uninterrupted one.</summary>
public static class SeededDraw
{
    /// <summary>
    /// Partial Fisher-Yates with <c>new Random(seed)</c>: afterwards the first <paramref name="take"/> items of
    /// <paramref name="items"/> are a uniform draw without replacement, in draw order.
    /// </summary>
    public static void PartialShuffle<T>(T[] items, int take, int seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        var random = new Random(seed);
        for (int k = 0; k < Math.Min(take, items.Length); k++)
        {
            int j = random.Next(k, items.Length);
            (items[k], items[j]) = (items[j], items[k]);
        }
    }

    /// <summary>One SplitMix64 step: a bijection that spreads nearby inputs (seed, round, id) into well-mixed 64-bit values.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
