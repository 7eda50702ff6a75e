// Display layer: one stacked segment of a ClassBalanceChart.
namespace Workbench.Display;

/// <summary>
/// One stacked segment of a <see cref="ClassBalanceChart"/>: in group <paramref name="Group"/> (a round
/// such as "round 2", or a class name) there are <paramref name="Count"/> samples of
/// <paramref name="Category"/> (a provenance such as "initial", "pseudo-label", "al").
/// </summary>
public sealed record ClassBalanceEntry(string Group, string Category, double Count);
