using Workbench.Engine;

namespace Workbench.Selection;

/// <summary>
/// What a strategy sees: the model's predictions for the candidates (row i belongs to <see cref="CandidateIds"/>[i]),
/// the ids already labelled, their embeddings on demand, and the seed of this round's selection. Strategies never see
/// files or the engine, only this record.
/// </summary>
public sealed class SelectionContext
{
    private readonly Lazy<float[]> _labelledEmbeddings;

    /// <summary>Creates a context; checks that ids and prediction rows line up and that no candidate repeats.</summary>
    /// <param name="pool">Predictions of the candidates.</param>
    /// <param name="candidateIds">Global id of each prediction row.</param>
    /// <param name="seed">Seed for strategies that draw at random (k-means++, random sampling).</param>
    /// <param name="labelledIds">Global ids already labelled (empty when unknown).</param>
    /// <param name="labelledEmbeddings">Computes the labelled samples' embeddings (row-major, the pool's width); called
    /// at most once, and only by a strategy that needs them (core-set), because it costs a prediction pass.</param>
    public SelectionContext(Predictions pool, IReadOnlyList<int> candidateIds, int seed,
        IReadOnlyList<int>? labelledIds = null, Func<float[]>? labelledEmbeddings = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(candidateIds);
        SelectionRanking.ValidateCandidates(pool, candidateIds);
        Pool = pool;
        CandidateIds = candidateIds;
        Seed = seed;
        LabelledIds = labelledIds ?? [];
        _labelledEmbeddings = new Lazy<float[]>(labelledEmbeddings ?? (() => []));
    }

    /// <summary>Predictions of the candidates, one row per candidate.</summary>
    public Predictions Pool { get; }

    /// <summary>Global id of each candidate row.</summary>
    public IReadOnlyList<int> CandidateIds { get; }

    /// <summary>Seed of this selection.</summary>
    public int Seed { get; }

    /// <summary>Global ids of the labelled samples.</summary>
    public IReadOnlyList<int> LabelledIds { get; }

    /// <summary>Row-major embeddings of the labelled samples (empty when none were provided); computed on first use.</summary>
    public float[] LabelledEmbeddings => _labelledEmbeddings.Value;

    /// <summary>Deconstructs into the three things most strategies use.</summary>
    public void Deconstruct(out Predictions pool, out IReadOnlyList<int> candidateIds, out int seed) =>
        (pool, candidateIds, seed) = (Pool, CandidateIds, Seed);

    /// <summary>
    /// The same context without the candidates in <paramref name="taken"/> (e.g. pseudo-labels already taken this
    /// round); the labelled embeddings are shared, not recomputed.
    /// </summary>
    public SelectionContext Without(IReadOnlyCollection<int> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        if (taken.Count == 0) return this;
        var excluded = taken as IReadOnlySet<int> ?? taken.ToHashSet();
        var rows = Enumerable.Range(0, CandidateIds.Count).Where(i => !excluded.Contains(CandidateIds[i])).ToArray();
        return new SelectionContext(Pool.Subset(rows), rows.Select(i => CandidateIds[i]).ToArray(), Seed, LabelledIds,
            () => LabelledEmbeddings);
    }
}
