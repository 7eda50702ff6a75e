// Display layer: one row and one group of rows of a ForestPlot.
namespace Workbench.Display;

/// <summary>
/// One row of a <see cref="ForestPlot"/>: an estimate with its interval, in the axis' units. <paramref name="Highlighted"/>
/// marks it (e.g. it survives a multiple-comparison adjustment); <paramref name="Strategy"/>, when given, colours it with
/// that strategy's colour. An estimate that is not a number (no test could be made) is listed as "n/a" without a mark.
/// </summary>
public sealed record ForestRow(string Label, double Estimate, double Low, double High, bool Highlighted, string? Strategy = null);

/// <summary>A named group of <see cref="ForestRow"/>s (e.g. one family of comparisons), drawn under its name.</summary>
public sealed record ForestGroup(string Name, IReadOnlyList<ForestRow> Rows);
