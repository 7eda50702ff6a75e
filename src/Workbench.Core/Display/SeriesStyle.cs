// Display layer: how one strategy series is drawn.
namespace Workbench.Display;

/// <summary>How one strategy series is drawn: its colour ("#rrggbb") and whether it is a random control (dotted, lighter).</summary>
public sealed record SeriesStyle(string Color, bool IsControl);
