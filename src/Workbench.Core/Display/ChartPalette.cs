// Display layer: the Okabe–Ito colour-blind-safe palette, in the order series are coloured, plus the few neutral…
namespace Workbench.Display;

/// <summary>
/// The Okabe–Ito colour-blind-safe palette, in the order series are coloured, plus the few
/// neutral colours the charts share so that every figure looks alike.
/// </summary>
public static class ChartPalette
{
    /// <summary>Series colours; the sequence repeats when there are more series than colours.</summary>
    public static IReadOnlyList<string> Series { get; } =
    [
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#D55E00", // vermillion
        "#CC79A7", // reddish purple
        "#56B4E9", // sky blue
        "#F0E442", // yellow
        "#000000", // black
    ];

    /// <summary>Text colour.</summary>
    public const string Text = "#222222";

    /// <summary>Axis and tick colour.</summary>
    public const string Axis = "#555555";

    /// <summary>Grid line colour.</summary>
    public const string Grid = "#e5e5e5";

    /// <summary>Marks something wrong (misclassified tiles, errors).</summary>
    public const string Wrong = "#D55E00";

    /// <summary>Marks something right.</summary>
    public const string Right = "#009E73";

    /// <summary>The colour of series <paramref name="index"/> (wraps around).</summary>
    public static string ForIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Series[index % Series.Count];
    }

    /// <summary>
    /// A sequential white→dark-blue scale for heat maps; <paramref name="intensity"/> is clamped to [0, 1].
    /// </summary>
    public static string Sequential(double intensity)
    {
        double t = double.IsNaN(intensity) ? 0 : Math.Clamp(intensity, 0, 1);
        // Endpoints picked so that the lightest cell still differs from the white background.
        (int r0, int g0, int b0) = (0xf7, 0xfb, 0xff);
        (int r1, int g1, int b1) = (0x08, 0x30, 0x6b);
        int r = (int)Math.Round(r0 + (r1 - r0) * t);
        int g = (int)Math.Round(g0 + (g1 - g0) * t);
        int b = (int)Math.Round(b0 + (b1 - b0) * t);
        return $"#{r:x2}{g:x2}{b:x2}";
    }
}
