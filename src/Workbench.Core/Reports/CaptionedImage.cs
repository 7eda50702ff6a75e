using Workbench.Metrics;
namespace Workbench.Reports;

/// <summary>One image of <see cref="CaptionedImages"/>: Size × Size × 3 RGB bytes (row-major) and free caption lines.</summary>
public sealed record CaptionedImage(byte[] Rgb, int Size, IReadOnlyList<string> Caption, bool Highlighted = false);
