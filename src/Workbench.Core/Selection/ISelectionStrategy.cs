using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// A selection strategy: sees predictions for the unlabelled candidates and their global ids, never files
/// or the engine. Implementations are immutable (hyper-parameters are constructor arguments), deterministic
/// for a seed, never throw on an empty pool, and take the whole pool when the budget exceeds it.
/// Unless a strategy says otherwise, ties are broken by the lower candidate position
/// (index into <c>candidateIds</c>) first.
/// </summary>
public interface ISelectionStrategy
{
    /// <summary>Stable name, the one <see cref="SelectionStrategies.Create"/> accepts.</summary>
    string Name { get; }

    /// <summary>
    /// Chooses among the candidates. Row i of <paramref name="predictions"/> belongs to
    /// <paramref name="candidateIds"/>[i]; the returned <see cref="Selection.Ids"/> are global ids.
    /// </summary>
    Selection Select(Predictions predictions, IReadOnlyList<int> candidateIds, int seed);
}
