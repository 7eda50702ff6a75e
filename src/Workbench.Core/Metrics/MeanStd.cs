using System.Globalization;

namespace Workbench.Metrics;

/// <summary>
/// Mean and sample standard deviation (n - 1 denominator, as the papers' "mean ± std over 3 runs")
/// of a few values such as one metric over seeds; Std is 0 for a single value.
/// </summary>
public sealed record MeanStd(double Mean, double Std, int Count)
{
    /// <summary>Summarises <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static MeanStd Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToArray();
        if (list.Length == 0)
            throw new ArgumentException("Cannot summarise zero values.", nameof(values));
        for (int i = 0; i < list.Length; i++)
            if (!double.IsFinite(list[i]))
                throw new ArgumentException($"values[{i}] is {list[i]}; values must be finite.", nameof(values));
        double mean = list.Average();
        if (list.Length == 1) return new MeanStd(mean, 0, 1);
        double squares = 0;
        foreach (double v in list) squares += (v - mean) * (v - mean);
        return new MeanStd(mean, Math.Sqrt(squares / (list.Length - 1)), list.Length);
    }

    /// <summary>
    /// "mean ± std (n = k)" with <paramref name="format"/>, after multiplying by <paramref name="scale"/> (100 for percent);
    /// a single value shows as "mean (n = 1)", never with a "± 0" that would look like a measured spread.
    /// </summary>
    public string Format(string format = "F2", double scale = 1) => Count == 1
        ? (Mean * scale).ToString(format, CultureInfo.InvariantCulture) + " (n = 1)"
        : (Mean * scale).ToString(format, CultureInfo.InvariantCulture) + " ± " + (Std * scale).ToString(format, CultureInfo.InvariantCulture)
          + string.Create(CultureInfo.InvariantCulture, $" (n = {Count})");

    /// <inheritdoc/>
    public override string ToString() => Format();
}
