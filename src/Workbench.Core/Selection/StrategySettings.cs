namespace Workbench.Selection;

/// <summary>
/// Hyper-parameters of the built-in strategies; each strategy reads the ones it has and ignores the rest
/// (<see cref="SelectionStrategies.ParametersOf"/> lists them). Null means the strategy's own default.
/// </summary>
/// <param name="Budget">Samples to choose (cluster-margin: clusters), for budgeted strategies.</param>
/// <param name="Threshold">pseudo-label / cst: certainty to exceed (0.97 / 0.99); margin-threshold: measure to stay below (0.2).</param>
/// <param name="Cap">margin-threshold: most samples returned (none by default).</param>
/// <param name="Scorer">The measure by name (<see cref="Scoring.Scorers.Names"/>): confidence for pseudo-labels, margin otherwise.</param>
/// <param name="KMeansIterations">cluster-margin, typiclust: most Lloyd iterations.</param>
/// <param name="Balanced">Query strategies only: fill the budget round-robin across the predicted classes from the
/// strategy's ranking (<see cref="BalancedQuerySelection"/>); not a parameter of any one strategy, the factory applies it.</param>
public sealed record StrategySettings(
    int Budget = 100, double? Threshold = null, int? Cap = null, string? Scorer = null, int KMeansIterations = 50, bool Balanced = false);
