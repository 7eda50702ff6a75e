using System.Text;

namespace Workbench.Common;

/// <summary>One CSV record and the (1-based) line it starts on, for error messages.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 CSV: fields separated by commas, quoted with '"' when they hold a comma, quote or line break, quotes doubled
/// inside. People edit manifests and exported queues in spreadsheets, which quote paths with commas; a plain Split(',')
/// would silently shift columns.
/// </summary>
public static class Csv
{
    /// <summary>
    /// Every record of <paramref name="text"/> (CRLF or LF line ends, a UTF-8 BOM ignored); blank lines are skipped.
    /// </summary>
    /// <exception cref="FormatException">A quoted field is not closed, or text follows a closing quote; names the line.</exception>
    public static IReadOnlyList<CsvRow> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, rowStart = 1, i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        bool quoted = false, fieldWasQuoted = false;
        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldWasQuoted = false;
        }
        void EndRow()
        {
            EndField();
            if (!(fields.Count == 1 && fields[0].Length == 0))
                rows.Add(new CsvRow(rowStart, fields.ToArray()));
            fields.Clear();
        }
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    quoted = fieldWasQuoted = true;
                    break;
                case '"':
                    throw new FormatException($"line {line}: a quote inside an unquoted field (quote the whole field and double the quote)");
                case ',':
                    EndField();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    EndRow();
                    rowStart = ++line;
                    break;
                default:
                    if (fieldWasQuoted)
                        throw new FormatException($"line {line}: text after a closing quote");
                    field.Append(c);
                    break;
            }
        }
        if (quoted) throw new FormatException($"line {rowStart}: a quoted field is not closed");
        EndRow();
        return rows;
    }

    /// <summary>The field as written in a CSV line: quoted when it holds a comma, quote or line break.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>One CSV line (without its line end).</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));
}
