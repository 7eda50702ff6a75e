// Display layer: one bar of a BarChart.
namespace Workbench.Display;

/// <summary>One bar of a <see cref="BarChart"/>; <paramref name="Color"/> overrides the default colour (e.g. to highlight).</summary>
public sealed record BarItem(string Label, double Value, string? Color = null);
