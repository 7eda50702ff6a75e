namespace Workbench.Selection;

/// <summary>
/// Class-balanced queries around any registered query strategy: the strategy ranks a wider list (its budget, or its cap,
/// times the number of classes, at most the pool), and the queries are taken from that list round-robin across the
/// candidates' <em>predicted</em> classes (the oracle's answers are unknown before asking): each pass takes every class's
/// best remaining candidate, classes in the order of those candidates' ranks; a class that runs out is skipped, so the
/// others fill its share with their next best. Ids come in pick order with the wrapped strategy's scores; the name is
/// the wrapped strategy's (a run records it, and this class's code in its source hash).
/// </summary>
/// <remarks>
/// The wrapped strategy's size parameter is read from its registration: budget when it declares one, otherwise cap
/// (margin-threshold). Without either -- margin-threshold with no cap takes every candidate under its threshold -- the
/// selection is the strategy's own, only reordered. Widening is not free: a clustering strategy then clusters into
/// budget × classes clusters. Built by <see cref="SelectionStrategies.Create(string, StrategySettings)"/> when
/// <see cref="StrategySettings.Balanced"/> is set.
/// </remarks>
public sealed class BalancedQuerySelection : ISelectionStrategy
{
    private readonly ISelectionStrategy _inner;
    private readonly StrategyRegistration _registration;
    private readonly StrategySettings _settings;

    /// <summary>Wraps the query strategy of <paramref name="registration"/> as <paramref name="settings"/> configure it.</summary>
    /// <exception cref="ArgumentException">The registration proposes labels instead of querying the oracle.</exception>
    public BalancedQuerySelection(StrategyRegistration registration, StrategySettings settings)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(settings);
        if (!registration.IsQuery)
            throw new ArgumentException($"'{registration.Name}' proposes labels; class-balanced selection applies to query strategies only.",
                nameof(registration));
        _registration = registration;
        _settings = settings with { Balanced = false };
        _inner = registration.Create(_settings)
            ?? throw new InvalidOperationException($"The registration of strategy '{registration.Name}' built nothing (null).");
        Quota = ReadsParameter("budget") ? _settings.Budget : ReadsParameter("cap") ? _settings.Cap : null;
    }

    /// <summary>Most queries (the wrapped strategy's budget, or cap); null when it has neither and decides alone.</summary>
    public int? Quota { get; }

    /// <summary>The wrapped strategy as configured (its name, its need for embeddings).</summary>
    public ISelectionStrategy Inner => _inner;

    /// <inheritdoc/>
    public string Name => _inner.Name;

    /// <inheritdoc/>
    public bool NeedsEmbeddings => _inner.NeedsEmbeddings;

    /// <inheritdoc/>
    public bool SamplesDropout => _inner.SamplesDropout;

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pool = context.Pool;
        int n = pool.Count;
        if (n == 0) return _inner.Select(context);
        int classes = pool.NumClasses;
        int wide = Quota is int quota ? (int)Math.Min(n, (long)quota * classes) : n;
        var ranking = Widened(wide).Select(context);

        var positionOf = new Dictionary<int, int>(n);
        for (int i = 0; i < n; i++) positionOf[context.CandidateIds[i]] = i;
        var queues = new Queue<int>[classes];
        for (int c = 0; c < classes; c++) queues[c] = new Queue<int>();
        for (int k = 0; k < ranking.Count; k++)
        {
            if (!positionOf.TryGetValue(ranking.Ids[k], out int position))
                throw new InvalidOperationException($"Strategy '{Name}' chose id {ranking.Ids[k]}, which is not a candidate.");
            queues[pool.ArgMax(position)].Enqueue(k);
        }

        int take = Math.Min(Quota ?? ranking.Count, ranking.Count);
        var chosen = new List<int>(take);  // ranks in the wrapped strategy's list
        while (chosen.Count < take)
        {
            // One pass: each class's best remaining, best-ranked class first.
            foreach (var queue in queues.Where(q => q.Count > 0).OrderBy(q => q.Peek()).ToArray())
            {
                chosen.Add(queue.Dequeue());
                if (chosen.Count == take) break;
            }
        }

        var perClass = new int[classes];
        foreach (int k in chosen) perClass[pool.ArgMax(positionOf[ranking.Ids[k]])]++;
        string reason = $"{ranking.Reason}; class-balanced: {take} of these {ranking.Count} round-robin across predicted classes "
            + $"({string.Join("/", perClass)})";
        return new SelectionResult([.. chosen.Select(k => ranking.Ids[k])], [.. chosen.Select(k => ranking.Scores[k])],
            ranking.Labels is null ? null : [.. chosen.Select(k => ranking.Labels[k])], reason);
    }

    /// <summary>The wrapped strategy asked for <paramref name="count"/> candidates instead of its quota.</summary>
    private ISelectionStrategy Widened(int count)
    {
        if (Quota is null || count <= Quota) return _inner;
        return _registration.Create(ReadsParameter("budget") ? _settings with { Budget = count } : _settings with { Cap = count });
    }

    private bool ReadsParameter(string name) => _registration.Parameters.Contains(name, StringComparer.OrdinalIgnoreCase);
}
