using Workbench.Common;

namespace Workbench.Loop;

/// <summary>The random decisions of an experiment, each with its own seed.</summary>
public enum SeedPurpose
{
    /// <summary>The initially labelled subset (uses the experiment seed itself, like <c>InitialLabels</c>).</summary>
    InitialLabels,
    /// <summary>The random initialisation of the network.</summary>
    ModelInit,
    /// <summary>Shuffling and augmentation of one round's training.</summary>
    Training,
    /// <summary>The random subsample of the pool scored in one round.</summary>
    Pool,
    /// <summary>The selection strategies of one round (k-means++, random sampling).</summary>
    Selection,
    /// <summary>Which CST proposals the simulated oracle rejects.</summary>
    Oracle,
    /// <summary>The labelled validation set (appended last: the values above feed the seed hash and must not move).</summary>
    Validation,
    /// <summary>Shuffling, views and projection head of self-supervised pretraining (appended after Validation, for the same reason).</summary>
    Pretraining,
    /// <summary>The fixed unlabelled sample whose predictions are compared round to round (appended last, for the same reason).</summary>
    StopSet,
}

/// <summary>
/// Derives the seed of every random decision from (experiment seed, round, purpose) instead of carrying one random
/// stream through the run, so a resumed run makes exactly the decisions an uninterrupted one would have made.
/// </summary>
public static class RoundSeeds
{
    /// <summary>The seed of <paramref name="purpose"/> in <paramref name="round"/> (a SplitMix64 hash; non-negative).</summary>
    public static int For(int seed, int round, SeedPurpose purpose)
    {
        if (purpose == SeedPurpose.InitialLabels) return seed;
        ulong z = Mix((uint)seed);
        z = Mix(z + (uint)round);
        z = Mix(z + (ulong)purpose);
        return (int)(z & 0x7FFFFFFF);
    }

    private static ulong Mix(ulong z) => SeededDraw.Mix(z);
}
