namespace Workbench.Selection;

/// <summary>
/// A strategy under its name in <see cref="SelectionStrategies"/>: what it is for, which parameters it reads, and how
/// it is built from typed settings. Built-ins are registered the same way; only they cannot be replaced.
/// </summary>
/// <param name="Name">The name configs, command lines and notebooks use (canonical form: lower case, '-').</param>
/// <param name="Role">Query (AL, the oracle labels) or proposal (pseudo-labels, CST candidates).</param>
/// <param name="Parameters">The <see cref="StrategySettings"/> fields it reads, as string-parameter names
/// (budget, threshold, cap, scorer, kmeansIterations).</param>
/// <param name="Create">Builds the strategy; its <see cref="ISelectionStrategy.Name"/> must be <paramref name="Name"/>.</param>
/// <param name="BuiltIn">True for the strategies that ship with the workbench.</param>
public sealed record StrategyRegistration(
    string Name, StrategyRole Role, IReadOnlyList<string> Parameters, Func<StrategySettings, ISelectionStrategy> Create, bool BuiltIn = false)
{
    /// <summary>True when the loop sends this strategy's choices to the oracle.</summary>
    public bool IsQuery => Role == StrategyRole.Query;
}
