using Workbench.Common;

namespace Workbench.Oracle;

/// <summary>
/// An oracle that answers from ground truth (indexed by global id) and rejects a fraction
/// <see cref="RejectRate"/> of ids as undecidable, as the CST paper's human does.
/// </summary>
/// <remarks>
/// Whether an id is rejected is a fixed function of (seed, id), a hashed uniform number below the rate, not a
/// draw from a shared stream: asking about the same id twice gives the same answer, and the answers do not depend
/// on the order of the questions.
/// </remarks>
public sealed class SimulatedOracle : IOracle
{
    private readonly int[] _truth;

    /// <summary>Creates the oracle.</summary>
    /// <param name="truth">True label of every global id (index = id), each >= 0.</param>
    /// <param name="rejectRate">Fraction of ids rejected, in [0, 1].</param>
    /// <param name="seed">Chooses which ids are rejected.</param>
    public SimulatedOracle(IReadOnlyList<int> truth, double rejectRate = 0, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(truth);
        if (!(rejectRate >= 0 && rejectRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(rejectRate), rejectRate, "rejectRate must be in [0, 1].");
        _truth = truth.ToArray();
        for (int id = 0; id < _truth.Length; id++)
            if (_truth[id] < 0)
                throw new ArgumentException($"truth[{id}] is {_truth[id]}; labels must be >= 0.", nameof(truth));
        RejectRate = rejectRate;
        Seed = seed;
    }

    /// <summary>Fraction of ids rejected.</summary>
    public double RejectRate { get; }

    /// <summary>Seed that chooses which ids are rejected.</summary>
    public int Seed { get; }

    /// <summary>Number of ids the oracle knows (valid ids are 0 .. Count-1).</summary>
    public int Count => _truth.Length;

    /// <inheritdoc/>
    public int? Label(int id)
    {
        if ((uint)id >= (uint)_truth.Length)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"The oracle knows ids 0..{_truth.Length - 1}.");
        return IsRejected(id) ? null : _truth[id];
    }

    /// <summary>Whether <paramref name="id"/> is one the oracle refuses to label.</summary>
    public bool IsRejected(int id) => RejectRate > 0 && UniformFor(id) < RejectRate;

    // SplitMix64 finaliser over (seed, id): a well-mixed, order-free uniform number in [0, 1).
    private double UniformFor(int id)
    {
        ulong z = SeededDraw.Mix(((ulong)(uint)Seed << 32) | (uint)id);
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
