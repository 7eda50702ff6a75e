namespace Workbench.Selection;

/// <summary>
/// What a strategy chose: global sample ids, the score behind each (so a notebook can show why),
/// for pseudo-labelling strategies the proposed label of each (argmax; null for oracle queries),
/// and a human-readable reason. Lists are parallel: Scores[k] and Labels[k] belong to Ids[k].
/// </summary>
public sealed record SelectionResult(IReadOnlyList<int> Ids, IReadOnlyList<double> Scores, IReadOnlyList<int>? Labels, string Reason)
{
    /// <summary>Chosen global sample ids, in the strategy's documented order.</summary>
    public IReadOnlyList<int> Ids { get; init; } = Ids ?? throw new ArgumentNullException(nameof(Ids));

    /// <summary>The score behind each id (the strategy documents which measure).</summary>
    public IReadOnlyList<double> Scores { get; init; } = Scores is null
        ? throw new ArgumentNullException(nameof(Scores))
        : Scores.Count == Ids.Count ? Scores
        : throw new ArgumentException($"Scores has {Scores.Count} entries for {Ids.Count} ids.", nameof(Scores));

    /// <summary>Proposed label of each id for pseudo-labelling strategies; null for strategies that query an oracle.</summary>
    public IReadOnlyList<int>? Labels { get; init; } = Labels is null || Labels.Count == Ids.Count ? Labels
        : throw new ArgumentException($"Labels has {Labels.Count} entries for {Ids.Count} ids.", nameof(Labels));

    /// <summary>Why these ids were chosen, for logs and reports.</summary>
    public string Reason { get; init; } = Reason ?? throw new ArgumentNullException(nameof(Reason));

    /// <summary>Number of chosen ids.</summary>
    public int Count => Ids.Count;

    /// <summary>A selection with nothing chosen.</summary>
    public static SelectionResult Empty(string reason, bool withLabels = false) =>
        new([], [], withLabels ? [] : null, reason);
}
