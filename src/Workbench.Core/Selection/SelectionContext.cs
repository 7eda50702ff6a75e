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
    private readonly Func<int, SampledPredictions>? _sampleWithDropout;

    /// <summary>Creates a context; checks that ids and prediction rows line up and that no candidate repeats.</summary>
    /// <param name="pool">Predictions of the candidates.</param>
    /// <param name="candidateIds">Global id of each prediction row.</param>
    /// <param name="seed">Seed for strategies that draw at random (k-means++, random sampling).</param>
    /// <param name="labelledIds">Global ids already labelled (empty when unknown).</param>
    /// <param name="labelledEmbeddings">Computes the labelled samples' embeddings (row-major, the pool's width); called
    /// at most once, and only by a strategy that needs them (core-set), because it costs a prediction pass.</param>
    /// <param name="sampleWithDropout">Given a number of passes, the candidates' probabilities under that many MC-dropout
    /// passes of the model (rows as <paramref name="pool"/>); called only by a strategy that samples (BALD).</param>
    public SelectionContext(Predictions pool, IReadOnlyList<int> candidateIds, int seed,
        IReadOnlyList<int>? labelledIds = null, Func<float[]>? labelledEmbeddings = null,
        Func<int, SampledPredictions>? sampleWithDropout = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(candidateIds);
        SelectionRanking.ValidateCandidates(pool, candidateIds);
        Pool = pool;
        CandidateIds = candidateIds;
        Seed = seed;
        LabelledIds = labelledIds ?? [];
        _labelledEmbeddings = new Lazy<float[]>(labelledEmbeddings ?? (() => []));
        _sampleWithDropout = sampleWithDropout;
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

    /// <summary>
    /// The candidates' class probabilities under <paramref name="samples"/> MC-dropout passes of the model (one row per
    /// candidate, as <see cref="Pool"/>); each call costs a pass over the candidates' embeddings.
    /// </summary>
    /// <exception cref="InvalidOperationException">This context was made without a model to sample.</exception>
    public SampledPredictions SampleWithDropout(int samples)
    {
        if (_sampleWithDropout is null)
            throw new InvalidOperationException("This selection has no model to sample with dropout (the context was built from predictions alone).");
        var sampled = _sampleWithDropout(samples);
        if (sampled.Count != CandidateIds.Count || sampled.Samples != samples || sampled.NumClasses != Pool.NumClasses)
            throw new InvalidOperationException($"MC-dropout returned {sampled.Count} x {sampled.Samples} x {sampled.NumClasses} probabilities for "
                + $"{CandidateIds.Count} candidates, {samples} passes and {Pool.NumClasses} classes.");
        return sampled;
    }

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
        var sample = _sampleWithDropout;
        return new SelectionContext(Pool.Subset(rows), rows.Select(i => CandidateIds[i]).ToArray(), Seed, LabelledIds,
            () => LabelledEmbeddings, sample is null ? null : samples => sample(samples).Subset(rows));
    }
}
