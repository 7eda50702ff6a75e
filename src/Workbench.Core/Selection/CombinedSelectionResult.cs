namespace Workbench.Selection;

/// <summary>
/// The two halves of a combined SSL+AL (or CST+AL) round, disjoint by construction:
/// pseudo-labelled samples (with proposed labels) and samples queried from the oracle.
/// </summary>
public sealed record CombinedSelectionResult(Selection PseudoLabels, Selection Queries);
