using System.Text;
using Workbench.Engine;

namespace Workbench.Loop;

/// <summary>
/// What the round loop needs from the processes it runs on, so that the loop itself has no "distributed" branches:
/// training, predicting and sharing rank 0's decisions. Every rank runs the same loop and calls these in the same
/// order (each may be a collective). Rank 0 (the root) alone selects, asks the oracle and writes the run folder; what
/// it decides reaches the others through <see cref="Share"/> and <see cref="ShareModel"/>. <see cref="Single"/> is the
/// plain one-process run, where every call is local.
/// </summary>
public abstract class LoopRanks
{
    /// <summary>One process: training and prediction are local, sharing returns what it is given.</summary>
    public static LoopRanks Single { get; } = new SingleProcess();

    /// <summary>True on the rank that decides and writes (rank 0).</summary>
    public abstract bool IsRoot { get; }

    /// <summary>How many ranks run the loop.</summary>
    public abstract int Count { get; }

    /// <summary>
    /// Refuses a person as the oracle of a run on several ranks: the person answers rank 0's queue while the run waits,
    /// which a run in one process does and a group of ranks does not. The launcher, the runner and the experiment ask alike.
    /// </summary>
    public static void RefusePersonOnRanks(bool personAsOracle, int ranks)
    {
        if (personAsOracle && ranks > 1)
            throw new ArgumentException($"a person-as-oracle run (--oracle human, the default for own data that asks questions) runs in one "
                + $"process, not on {ranks} ranks: drop --nproc (or WORLD_SIZE)", "oracle");
    }

    /// <summary>Trains the model: every rank passes the same arguments and ends with the same weights.</summary>
    /// <param name="consistency">The unlabelled side of consistency training; null for supervised training.</param>
    public abstract FitResult Fit(Model model, ImageSet images, IReadOnlyList<int> ids, IReadOnlyList<int> labels, float[] classWeights,
        FitOptions options, IProgress<EpochResult>? progress, CancellationToken cancel, ConsistencyTraining? consistency = null);

    /// <summary>The predictions of <paramref name="ids"/> in their order on the root; null on the other ranks.</summary>
    public abstract Predictions? Predict(Model model, ImageSet images, IReadOnlyList<int> ids, int batchSize, bool embeddings,
        CancellationToken cancel);

    /// <summary>The root's <paramref name="values"/> on every rank (ignored, and may be null, elsewhere).</summary>
    public abstract long[] Share(long[]? values);

    /// <summary>Overwrites the model's weights with the root's.</summary>
    public abstract void ShareModel(Model model);

    /// <summary>Waits until every rank is here (the root first fills a cache the others then read).</summary>
    public abstract void Barrier();

    /// <summary>
    /// The root's labelled set on every rank. The whole set rather than a round's additions: it is a few numbers per
    /// sample, it serves the resume too, and the ranks then cannot drift apart whatever happened before.
    /// </summary>
    public LabelledSet ShareLabelled(LabelledSet mine, int numClasses)
    {
        var shared = Share(IsRoot ? EncodeLabelled(mine) : null);
        return IsRoot ? mine : DecodeLabelled(shared, numClasses);
    }

    /// <summary>The root's text (e.g. why the run stops) on every rank.</summary>
    public string? ShareText(string? root)
    {
        var shared = Share(IsRoot ? (root is null ? [-1] : Encoding.UTF8.GetBytes(root).Select(b => (long)b).ToArray()) : null);
        return shared is [-1] ? null : Encoding.UTF8.GetString(shared.Select(b => (byte)b).ToArray());
    }

    /// <summary>The root's number on every rank.</summary>
    public long ShareNumber(long root) => Share(IsRoot ? [root] : null)[0];

    /// <summary>
    /// The model the root built (or loaded) on every rank: the others start from <paramref name="blank"/>, so that they
    /// need neither the initialisation file nor the run folder (another machine may have neither).
    /// </summary>
    public Model SharedModel(Func<Model> onRoot, Func<Model> blank)
    {
        var model = IsRoot ? onRoot() : blank();
        ShareModel(model);
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

    private sealed class SingleProcess : LoopRanks
    {
        public override bool IsRoot => true;
        public override int Count => 1;

        public override FitResult Fit(Model model, ImageSet images, IReadOnlyList<int> ids, IReadOnlyList<int> labels, float[] classWeights,
            FitOptions options, IProgress<EpochResult>? progress, CancellationToken cancel, ConsistencyTraining? consistency = null) =>
            TrainingLoop.Fit(model, images, ids, labels, classWeights, options, progress, cancel, consistency: consistency);

        public override Predictions Predict(Model model, ImageSet images, IReadOnlyList<int> ids, int batchSize, bool embeddings,
            CancellationToken cancel) => model.Predict(images, ids, batchSize, embeddings, cancel);

        public override long[] Share(long[]? values) => values ?? throw new ArgumentNullException(nameof(values));
        public override void ShareModel(Model model) { }
        public override void Barrier() { }
    }
}
