using Workbench.Engine;

namespace Workbench.Selection;

/// <summary>
/// A selection strategy: a measure (an <see cref="Scoring.IScorer"/>, or distances in embedding space) plus a ranking,
/// over one <see cref="SelectionContext"/>. Implementations are immutable (hyper-parameters are constructor
/// arguments), deterministic for a seed, never throw on an empty pool, and take the whole pool when the budget
/// exceeds it. Unless a strategy says otherwise, ties are broken by the lower candidate position first.
/// Build them by name with <see cref="SelectionStrategies.Create(string, StrategySettings)"/>; a strategy of one's own
/// registers there (<see cref="SelectionStrategies.Register(StrategyRegistration)"/>) and then runs like the built-ins.
/// </summary>
public interface ISelectionStrategy
{
    /// <summary>Stable name, the one it is registered under in <see cref="SelectionStrategies"/>.</summary>
    string Name { get; }

    /// <summary>True when the strategy needs penultimate-layer embeddings of the pool (and of the labelled set).</summary>
    bool NeedsEmbeddings { get; }

    /// <summary>
    /// True when the strategy samples the model with dropout (<see cref="SelectionContext.SampleWithDropout"/>), which
    /// needs an architecture with dropout: a config that pairs them otherwise is refused when it is checked.
    /// </summary>
    bool SamplesDropout => false;

    /// <summary>Chooses among the candidates; the returned ids are global ids, with the score behind each.</summary>
    SelectionResult Select(SelectionContext context);
}

/// <summary>Shorthand for callers that have only predictions, ids and a seed (tests, notebooks).</summary>
public static class SelectionStrategyExtensions
{
    /// <summary>Runs <paramref name="strategy"/> on a context with no labelled samples.</summary>
    public static SelectionResult Select(this ISelectionStrategy strategy, Predictions predictions, IReadOnlyList<int> candidateIds, int seed)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return strategy.Select(new SelectionContext(predictions, candidateIds, seed));
    }
}
