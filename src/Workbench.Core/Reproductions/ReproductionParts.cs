using Workbench.Config;

namespace Workbench.Reproductions;

/// <summary>
/// Shares a reproduction's plan between <c>count</c> workers by whole (split, seed) groups, dealt in turn: the arms of a
/// seed stay in one worker, so they still share round 0 and the seed's pretrained checkpoint is made once. Every run is in
/// exactly one part, and the parts keep the plan's order.
/// </summary>
public static class ReproductionParts
{
    /// <summary>Part <paramref name="index"/> (0-based) of <paramref name="count"/>.</summary>
    public static IReadOnlyList<(ExperimentConfig Config, string RunDirectory)> Part(
        IEnumerable<(ExperimentConfig Config, string RunDirectory)> plan, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index), index, $"a part of {count} is numbered 0..{count - 1}");
        var groups = plan.GroupBy(p => (p.Config.Split, p.Config.Seed)).ToList();
        return groups.Where((_, i) => i % count == index).SelectMany(g => g).ToList();
    }

    /// <summary>
    /// How many worker processes a plan of <paramref name="groups"/> (split, seed) groups gets, and how many threads each:
    /// the <paramref name="requested"/> number, or, when none is asked for, one single-thread worker per thread of
    /// <paramref name="threads"/>; never more workers than groups. One worker per thread is the default because it is the
    /// fastest way we measured to use the cores (README "Wall time": a small CNN at 32 px uses a second libtorch thread
    /// poorly), and a single-thread run is the configuration every published table was made with.
    /// </summary>
    public static (int Workers, int ThreadsEach) Workers(int? requested, int threads, int groups)
    {
        if (requested is < 1) throw new ArgumentOutOfRangeException("--jobs", requested, "must be >= 1");
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        int workers = Math.Min(requested ?? threads, groups);
        return (workers, Math.Max(1, threads / workers));
    }

    /// <summary>Reads "index/count" (e.g. "0/2"), as the workers are told their part.</summary>
    public static (int Index, int Count) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = text.Split('/');
        if (pieces.Length != 2 || !int.TryParse(pieces[0], out int index) || !int.TryParse(pieces[1], out int count) || count < 1 || index < 0 || index >= count)
            throw new ArgumentException($"a part is written index/count with 0 <= index < count (e.g. 0/2), got '{text}'", "--part");
        return (index, count);
    }
}
