using System.Globalization;
using Microsoft.Data.Analysis;
using Workbench.Display;

namespace Workbench.Notebooks;

/// <summary>Formats a DataFrame for notebooks: the first <see cref="MaxRows"/> rows, numbers in invariant culture.</summary>
internal static class DataFrameFormatter
{
    public const int MaxRows = 1000;

    public static Dictionary<string, string> Format(DataFrame frame)
    {
        var headers = frame.Columns.Select(c => c.Name).ToArray();
        var rows = frame.Rows.Take(MaxRows).Select(row => (IReadOnlyList<string>)row.Select(Cell).ToArray()).ToArray();
        string caption = frame.Rows.Count > MaxRows ? $"first {MaxRows} of {frame.Rows.Count} rows" : $"{frame.Rows.Count} rows";
        var bundle = new Dictionary<string, string>(new HtmlTable(headers, rows, caption).MimeBundle(), StringComparer.Ordinal);
        // DataFrame.ToString() is its own fixed-width text table: fine for text front ends.
        bundle[MimeTypes.PlainText] = frame.ToString();
        return bundle;
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        float f => f.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
