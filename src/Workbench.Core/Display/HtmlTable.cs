// Display layer: a table of strings shown as HTML in notebooks (with aligned plain text as the fallback).
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace Workbench.Display;

/// <summary>
/// A table of strings shown as HTML in notebooks (with aligned plain text as the fallback). Cells
/// that look numeric are right-aligned; single cells can be highlighted with a background colour.
/// </summary>
[TypeFormatterSource(typeof(RichDisplayFormatterSource))]
public sealed class HtmlTable : IRichDisplay
{
    /// <summary>The background used by <see cref="WithHighlight"/> when no colour is given.</summary>
    public const string DefaultHighlight = "#fde7b0";

    private readonly Dictionary<(int Row, int Column), string> _highlights;

    /// <summary>Creates a table; every row must have one cell per header.</summary>
    public HtmlTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? caption = null)
        : this(headers, rows, caption, new Dictionary<(int, int), string>())
    {
    }

    private HtmlTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? caption,
        Dictionary<(int, int), string> highlights)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Count == 0) throw new ArgumentException("at least one header is required", nameof(headers));
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r] is null) throw new ArgumentException($"row {r} is null", nameof(rows));
            if (rows[r].Count != headers.Count)
            {
                throw new ArgumentException($"row {r} has {rows[r].Count} cells but there are {headers.Count} headers", nameof(rows));
            }
        }
        Headers = headers.ToArray();
        Rows = rows.Select(r => (IReadOnlyList<string>)r.Select(c => c ?? "").ToArray()).ToArray();
        Caption = caption;
        _highlights = highlights;
    }

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Body rows, each with one cell per header.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Optional caption shown above the table.</summary>
    public string? Caption { get; }

    /// <summary>
    /// A table of the public properties (and fields) of <paramref name="items"/>, one row per item:
    /// handy for lists of records. Shows at most <paramref name="maxRows"/> rows.
    /// </summary>
    public static HtmlTable FromObjects<T>(IEnumerable<T> items, string? caption = null, int maxRows = 1000)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        var list = items.Take(maxRows + 1).ToList();
        bool truncated = list.Count > maxRows;
        if (truncated) list.RemoveAt(list.Count - 1);

        var members = new List<MemberInfo>();
        foreach (var type in list.Where(i => i is not null).Select(i => i!.GetType()).Distinct())
        {
            foreach (var member in Columns(type))
            {
                if (!members.Any(m => m.Name == member.Name)) members.Add(member);
            }
        }
        if (members.Count == 0) members.Add(typeof(object).GetMethod(nameof(ToString))!);

        var rows = list.Select(item => (IReadOnlyList<string>)members.Select(m => DisplayFormat.Value(Read(item, m))).ToArray()).ToList();
        string? fullCaption = truncated ? $"{caption ?? ""} (first {maxRows} rows)".Trim() : caption;
        return new HtmlTable(members.Select(m => m.Name == nameof(ToString) ? "Value" : m.Name).ToArray(), rows, fullCaption);
    }

    /// <summary>A copy of this table with cell (<paramref name="row"/>, <paramref name="column"/>) highlighted.</summary>
    public HtmlTable WithHighlight(int row, int column, string color = DefaultHighlight)
    {
        if (row < 0 || row >= Rows.Count) throw new ArgumentOutOfRangeException(nameof(row), row, $"table has {Rows.Count} rows");
        if (column < 0 || column >= Headers.Count) throw new ArgumentOutOfRangeException(nameof(column), column, $"table has {Headers.Count} columns");
        ArgumentException.ThrowIfNullOrWhiteSpace(color);
        var highlights = new Dictionary<(int, int), string>(_highlights) { [(row, column)] = color };
        return new HtmlTable(Headers, Rows, Caption, highlights);
    }

    /// <summary>The highlight colour of a cell, or null.</summary>
    public string? HighlightOf(int row, int column) => _highlights.GetValueOrDefault((row, column));

    /// <summary>The table as an HTML fragment with inline styles.</summary>
    public string ToHtml()
    {
        const string cellStyle = "padding:3px 8px;border-bottom:1px solid #e5e5e5";
        var html = new StringBuilder();
        html.Append("<table style=\"border-collapse:collapse;font-family:sans-serif;font-size:13px\">\n");
        if (Caption is { Length: > 0 }) html.Append("<caption style=\"text-align:left;font-weight:bold;padding:4px 0\">").Append(WebUtility.HtmlEncode(Caption)).Append("</caption>\n");
        html.Append("<thead><tr>");
        for (int c = 0; c < Headers.Count; c++)
        {
            string align = ColumnIsNumeric(c) ? "right" : "left";
            html.Append("<th style=\"").Append(cellStyle).Append(";border-bottom:2px solid #555;text-align:").Append(align).Append("\">")
                .Append(WebUtility.HtmlEncode(Headers[c])).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < Rows.Count; r++)
        {
            html.Append("<tr>");
            for (int c = 0; c < Headers.Count; c++)
            {
                html.Append("<td style=\"").Append(cellStyle).Append(";text-align:").Append(LooksNumeric(Rows[r][c]) ? "right" : "left");
                if (HighlightOf(r, c) is { } color) html.Append(";background:").Append(WebUtility.HtmlEncode(color)).Append(";font-weight:bold");
                html.Append("\">").Append(WebUtility.HtmlEncode(Rows[r][c])).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        return html.ToString();
    }

    /// <summary>The table as aligned plain text (numbers right-aligned, highlighted cells marked with *).</summary>
    public string ToText()
    {
        string Cell(int r, int c) => Rows[r][c] + (HighlightOf(r, c) is null ? "" : "*");
        var widths = Enumerable.Range(0, Headers.Count)
            .Select(c => Math.Max(Headers[c].Length, Rows.Count == 0 ? 0 : Enumerable.Range(0, Rows.Count).Max(r => Cell(r, c).Length)))
            .ToArray();
        var text = new StringBuilder();
        if (Caption is { Length: > 0 }) text.Append(Caption).Append('\n');
        string Pad(string s, int c) => ColumnIsNumeric(c) ? s.PadLeft(widths[c]) : s.PadRight(widths[c]);
        text.Append(string.Join("  ", Headers.Select((h, c) => Pad(h, c))).TrimEnd()).Append('\n');
        text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        for (int r = 0; r < Rows.Count; r++)
        {
            text.Append(string.Join("  ", Enumerable.Range(0, Headers.Count).Select(c => Pad(Cell(r, c), c))).TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> MimeBundle() => new Dictionary<string, string>
    {
        [MimeTypes.Html] = ToHtml(),
        [MimeTypes.PlainText] = ToText(),
    };

    /// <inheritdoc />
    public override string ToString() => ToText();

    private bool ColumnIsNumeric(int column) =>
        Rows.Count > 0 && Rows.All(r => r[column].Length == 0 || LooksNumeric(r[column]));

    private static bool LooksNumeric(string cell)
    {
        if (cell.Length == 0) return false;
        // "81.50 ± 0.42", "85%" and "40,518" count as numbers for alignment.
        string first = cell.Split(' ', 2)[0].TrimEnd('%').Replace(",", "", StringComparison.Ordinal);
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    private static IEnumerable<MemberInfo> Columns(Type type)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // EqualityContract is the compiler-generated property of records.
            if (p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract") yield return p;
        }
        foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Instance)) yield return f;
    }

    private static object? Read(object? item, MemberInfo member) => item is null ? null : member switch
    {
        PropertyInfo p when p.DeclaringType!.IsInstanceOfType(item) => p.GetValue(item),
        FieldInfo f when f.DeclaringType!.IsInstanceOfType(item) => f.GetValue(item),
        MethodInfo => item.ToString(),
        _ => item.GetType().GetProperty(member.Name)?.GetValue(item) ?? item.GetType().GetField(member.Name)?.GetValue(item),
    };
}
