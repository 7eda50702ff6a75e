using System.Text;

namespace Workbench.Reproductions;

/// <summary>A plain table of strings that writes itself as Markdown or CSV.</summary>
public sealed class SummaryTable(IReadOnlyList<string> header)
{
    private readonly List<IReadOnlyList<string>> _rows = [];

    public IReadOnlyList<string> Header { get; } = header;
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    public void Add(IReadOnlyList<string> row)
    {
        if (row.Count != Header.Count) throw new ArgumentException($"row has {row.Count} cells, header {Header.Count}", nameof(row));
        _rows.Add(row);
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Header) + " |");
        text.AppendLine("|" + string.Concat(Header.Select(_ => "---|")));
        foreach (var row in _rows) text.AppendLine("| " + string.Join(" | ", row) + " |");
        return text.ToString();
    }

    public string ToCsv()
    {
        static string Quote(string cell) => cell.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(Header)) text.AppendLine(string.Join(",", row.Select(Quote)));
        return text.ToString();
    }

    /// <summary>Column-aligned text for the terminal.</summary>
    public string ToText()
    {
        var widths = Header.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(Header))
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        return text.ToString();
    }
}
