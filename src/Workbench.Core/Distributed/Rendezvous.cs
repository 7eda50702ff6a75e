using System.Globalization;

namespace Workbench.Distributed;

/// <summary>
/// How one process joins a data-parallel run, read like torchrun's: MASTER_ADDR and MASTER_PORT (rank 0's
/// rendezvous store), WORLD_SIZE, RANK and LOCAL_RANK; WORKBENCH_DIST_TIMEOUT (seconds) bounds the rendezvous and
/// every collective; WORKBENCH_DIST_BACKEND is gloo (CPU, default) or nccl (a CUDA build).
/// </summary>
public sealed record Rendezvous(string MasterAddress, int MasterPort, int WorldSize, int Rank, int LocalRank,
    string Backend, TimeSpan Timeout)
{
    public const string MasterAddressVariable = "MASTER_ADDR";
    public const string MasterPortVariable = "MASTER_PORT";
    public const string WorldSizeVariable = "WORLD_SIZE";
    public const string RankVariable = "RANK";
    public const string LocalRankVariable = "LOCAL_RANK";
    public const string TimeoutVariable = "WORKBENCH_DIST_TIMEOUT";
    public const string BackendVariable = "WORKBENCH_DIST_BACKEND";
    /// <summary>PyTorch's default, so a torchrun-style setup needs no change.</summary>
    public const int DefaultPort = 29500;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public bool IsRoot => Rank == 0;

    /// <summary>
    /// The rendezvous the environment describes, or null when WORLD_SIZE is unset (a plain single-process run).
    /// Anything present but wrong is an ArgumentException naming the variable.
    /// </summary>
    public static Rendezvous? FromEnvironment(Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        if (string.IsNullOrEmpty(lookup(WorldSizeVariable))) return null;
        int worldSize = Integer(lookup, WorldSizeVariable, null, 1, 1 << 16);
        int rank = Integer(lookup, RankVariable, null, 0, worldSize - 1);
        int localRank = Integer(lookup, LocalRankVariable, rank, 0, int.MaxValue);
        int port = Integer(lookup, MasterPortVariable, DefaultPort, 1, 65535);
        var address = lookup(MasterAddressVariable);
        if (string.IsNullOrWhiteSpace(address))
        {
            if (worldSize > 1) throw new ArgumentException($"{MasterAddressVariable} is not set: every rank needs rank 0's host name or address");
            address = "127.0.0.1";
        }
        var timeout = lookup(TimeoutVariable) is { Length: > 0 } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0
                ? TimeSpan.FromSeconds(s)
                : throw new ArgumentException($"{TimeoutVariable}={text} is not a positive number of seconds")
            : DefaultTimeout;
        var backend = lookup(BackendVariable) is { Length: > 0 } b ? b : "gloo";
        if (backend is not ("gloo" or "nccl")) throw new ArgumentException($"{BackendVariable}={backend}: use gloo or nccl");
        return new Rendezvous(address, port, worldSize, rank, localRank, backend, timeout);
    }

    private static int Integer(Func<string, string?> lookup, string name, int? fallback, int min, int max)
    {
        var text = lookup(name);
        if (string.IsNullOrEmpty(text))
            return fallback ?? throw new ArgumentException($"{name} is not set but {WorldSizeVariable} is: every rank needs its {name}");
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ArgumentException($"{name}={text} is not an integer in {min}..{max}");
        return value;
    }

    /// <summary>
    /// The seed of one rank's random draws (augmentations), derived from the run's seed: rank 0 keeps it, so a
    /// one-rank run is the plain run; other ranks get distinct, repeatable seeds.
    /// </summary>
    public static long RankSeed(long seed, int rank) =>
        rank == 0 ? seed : unchecked(seed ^ (long)((ulong)rank * 0x9E3779B97F4A7C15UL));
}
