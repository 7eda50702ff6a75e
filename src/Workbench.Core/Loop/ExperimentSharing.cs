// Loop layer: how rank 0's decisions (labelled set, stop, resumed state) reach the other ranks of a run.
using System.Text;
using Workbench.Engine;

namespace Workbench.Loop;

public sealed partial class Experiment
{
    /// <summary>The processes this experiment runs on (one, unless a data-parallel run gave it a group).</summary>
    public LoopRanks Ranks { get; }

    /// <summary>
    /// Rank 0's labelled set on every rank. The whole set rather than the round's additions: it is a few numbers per
    /// sample, it serves the resume too, and the ranks then cannot drift apart whatever happened before.
    /// </summary>
    private LabelledSet ShareLabelled(LabelledSet mine)
    {
        var shared = Ranks.Share(Ranks.IsRoot ? EncodeLabelled(mine) : null);
        return Ranks.IsRoot ? mine : DecodeLabelled(shared, NumClasses);
    }

    /// <summary>Rank 0's text (e.g. why the run stops) on every rank.</summary>
    private string? ShareText(string? root)
    {
        var shared = Ranks.Share(Ranks.IsRoot ? (root is null ? [-1] : Encoding.UTF8.GetBytes(root).Select(b => (long)b).ToArray()) : null);
        return shared is [-1] ? null : Encoding.UTF8.GetString(shared.Select(b => (byte)b).ToArray());
    }

    /// <summary>Rank 0's number on every rank.</summary>
    private long ShareNumber(long root) => Ranks.Share(Ranks.IsRoot ? [root] : null)[0];

    /// <summary>
    /// The model the root built (or loaded) on every rank: the others start from a blank one of the same architecture,
    /// so that they need neither the initialisation file nor the run folder (another machine may have neither).
    /// </summary>
    private Model SharedModel(Func<Model> onRoot)
    {
        var model = Ranks.IsRoot ? onRoot() : ModelInitialiser.Blank(Config, NumClasses);
        Ranks.ShareModel(model);
        return model;
    }

    internal static long[] EncodeLabelled(LabelledSet set)
    {
        var values = new List<long>(2 + 5 * set.Count + 2 * set.Rejected.Count) { set.Count, set.Rejected.Count };
        foreach (var s in set.Samples) values.AddRange([s.Id, s.Label, (long)s.Provenance, s.Round, s.TrueLabel ?? -1]);
        foreach (var r in set.Rejected) values.AddRange([r.Id, r.Round]);
        return [.. values];
    }

    internal static LabelledSet DecodeLabelled(long[] values, int numClasses)
    {
        int count = checked((int)values[0]), rejected = checked((int)values[1]);
        if (values.Length != 2 + 5 * count + 2 * rejected)
            throw new InvalidDataException($"rank 0 sent {values.Length} numbers for {count} labelled and {rejected} rejected samples");
        var samples = Enumerable.Range(0, count).Select(i => values.AsSpan(2 + 5 * i, 5).ToArray()).Select(v =>
            new LabelledSample((int)v[0], (int)v[1], (Provenance)v[2], (int)v[3], v[4] < 0 ? null : (int)v[4]));
        var rejections = Enumerable.Range(0, rejected).Select(i => 2 + 5 * count + 2 * i)
            .Select(at => new RejectedSample((int)values[at], (int)values[at + 1]));
        return LabelledSet.Restore(numClasses, samples.ToList(), rejections.ToList());
    }
}
