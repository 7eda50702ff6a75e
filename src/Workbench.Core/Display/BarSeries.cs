// Display layer: one coloured series of a GroupedBarChart.
namespace Workbench.Display;

/// <summary>One coloured series of a <see cref="GroupedBarChart"/>: one value per category, in category order.</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);
