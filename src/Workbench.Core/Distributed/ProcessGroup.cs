using Workbench.Engine;

namespace Workbench.Distributed;

/// <summary>
/// This process's place in a data-parallel run: libtorch's c10d TCPStore rendezvous and a Gloo (CPU) or NCCL
/// process group, behind the engine's C ABI. Every collective (broadcast, gather, a training step of an attached
/// trainer) must be called in the same order on every rank. A rank that stops, or a rendezvous that cannot complete,
/// makes the others fail with an <see cref="EngineException"/> within the timeout. Not thread-safe.
/// </summary>
public sealed class ProcessGroup : IDisposable
{
    internal DistHandle Handle { get; }
    public Rendezvous Rendezvous { get; }
    public int Rank => Rendezvous.Rank;
    public int WorldSize => Rendezvous.WorldSize;
    public bool IsRoot => Rank == 0;

    private ProcessGroup(DistHandle handle, Rendezvous rendezvous)
    {
        Handle = handle;
        Rendezvous = rendezvous;
    }

    /// <summary>Joins the group (blocks until every rank has joined, or fails naming the problem).</summary>
    public static ProcessGroup Join(Rendezvous rendezvous)
    {
        var handle = NativeMethods.wb_dist_create(rendezvous.Backend, rendezvous.MasterAddress, rendezvous.MasterPort,
            rendezvous.WorldSize, rendezvous.Rank, (long)rendezvous.Timeout.TotalMilliseconds);
        if (handle.IsInvalid) throw new EngineException($"joining the distributed run: {NativeMethods.LastError()}");
        return new ProcessGroup(handle, rendezvous);
    }

    /// <summary>
    /// Overwrites the model's parameters and buffers (<paramref name="buffersOnly"/>: only the buffers, i.e. the
    /// batch-norm statistics) with <paramref name="root"/>'s.
    /// </summary>
    public void Broadcast(Model model, int root = 0, bool buffersOnly = false) =>
        NativeMethods.Check(NativeMethods.wb_dist_broadcast_model(Handle, model.Handle, root, buffersOnly ? 1 : 0), "broadcasting the model");

    public void Barrier() => NativeMethods.Check(NativeMethods.wb_dist_barrier(Handle), "distributed barrier");

    /// <summary>
    /// Every rank's rows (row-major, <paramref name="columns"/> floats each) concatenated in rank order on
    /// <paramref name="root"/>, which must say how many rows there are in all; null on the other ranks.
    /// </summary>
    public unsafe float[]? Gather(float[] local, int columns, long totalRows, int root = 0)
    {
        if (columns < 1 || local.Length % columns != 0)
            throw new ArgumentException($"{local.Length} floats are not rows of {columns}", nameof(local));
        var output = Rank == root ? new float[totalRows * columns] : null;
        fixed (float* mine = local)
        fixed (float* all = output)
            NativeMethods.Check(NativeMethods.wb_dist_gather_floats(Handle, mine, local.Length / columns, columns, all,
                totalRows, root), "gathering predictions");
        return output;
    }

    /// <summary>
    /// <paramref name="root"/>'s array on every rank, whatever its length (the length goes first): how rank 0's
    /// decisions (a round's labelled set, a stop) reach the others. <paramref name="values"/> is read on root only
    /// and may be null elsewhere.
    /// </summary>
    public unsafe long[] Broadcast(long[]? values, int root = 0)
    {
        if (Rank == root) ArgumentNullException.ThrowIfNull(values);
        var length = new[] { Rank == root ? (long)values!.Length : 0L };
        fixed (long* p = length)
            NativeMethods.Check(NativeMethods.wb_dist_broadcast_int64(Handle, p, 1, root), "broadcasting a length");
        var all = Rank == root ? values! : new long[length[0]];
        fixed (long* p = all)
            NativeMethods.Check(NativeMethods.wb_dist_broadcast_int64(Handle, p, all.Length, root), "broadcasting values");
        return all;
    }

    /// <summary>The contiguous part [Start, Start + Count) of <paramref name="count"/> items this rank takes.</summary>
    public (int Start, int Count) Shard(int count) => Shard(count, Rank, WorldSize);

    /// <summary>Contiguous, in rank order, sizes differing by at most one.</summary>
    public static (int Start, int Count) Shard(int count, int rank, int worldSize)
    {
        int start = (int)((long)count * rank / worldSize), end = (int)((long)count * (rank + 1) / worldSize);
        return (start, end - start);
    }

    public void Dispose() => Handle.Dispose();
}
