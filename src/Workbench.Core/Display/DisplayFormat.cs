// Display layer: number formatting for tables and captions.
using System.Globalization;

namespace Workbench.Display;

/// <summary>Number formatting for tables and captions: invariant culture, fixed decimals.</summary>
public static class DisplayFormat
{
    /// <summary>"0.8150" style: a fixed number of decimals; NaN prints as "–".</summary>
    public static string Number(double value, int decimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        return double.IsNaN(value) ? "–" : value.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>A fraction as a percentage: 0.8150 → "81.50%".</summary>
    public static string Percent(double fraction, int decimals = 2) =>
        double.IsNaN(fraction) ? "–" : Number(fraction * 100, decimals) + "%";

    /// <summary>"81.50 ± 0.42": mean and standard deviation with the same decimals.</summary>
    public static string MeanStd(double mean, double std, int decimals = 2) =>
        $"{Number(mean, decimals)} ± {Number(std, decimals)}";

    /// <summary>An integer count with thousands separators: 40518 → "40,518".</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Any value as table text: numbers invariant (doubles with <paramref name="decimals"/>), null as empty.</summary>
    public static string Value(object? value, int decimals = 4) => value switch
    {
        null => "",
        string s => s,
        double d => Number(d, decimals),
        float f => Number(f, decimals),
        decimal m => m.ToString("F" + decimals, CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
