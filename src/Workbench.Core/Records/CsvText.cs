using System.Globalization;
using System.Text;

namespace Workbench.Records;

/// <summary>
/// Reads and writes the records' CSV. Doubles are written round-trip exact ("R"), so a table rebuilt from the records is
/// the table built from the runs, digit for digit; lists of numbers are space-separated inside one cell.
/// </summary>
public static class CsvText
{
    /// <summary>One CSV line, quoting cells that hold a comma, quote or line break.</summary>
    public static string Line(IEnumerable<string> cells) =>
        string.Join(",", cells.Select(c => c.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + c.Replace("\"", "\"\"") + "\"" : c));

    /// <summary>The rows of <paramref name="text"/>, header first.</summary>
    /// <exception cref="InvalidDataException">An unterminated quote (names the line).</exception>
    public static List<string[]> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        int line = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; cell.Append(c); }
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                line++;
            }
            else cell.Append(c);
        }
        if (quoted) throw new InvalidDataException($"{source}: a quoted cell opened before line {line} is never closed.");
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }

    /// <summary>Exact text of a double ("R"; NaN as "").</summary>
    public static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Exact text of a nullable double ("" for null).</summary>
    public static string Number(double? value) => value is { } v ? Number(v) : "";

    /// <summary>Integer text.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Space-separated integers.</summary>
    public static string Numbers(IEnumerable<int> values) => string.Join(" ", values.Select(Number));

    /// <summary>Space-separated exact floats.</summary>
    public static string Numbers(IEnumerable<float> values) => string.Join(" ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}

/// <summary>One parsed CSV row with access by column name and errors that name the file, row and column.</summary>
public sealed class CsvRow(string source, int row, IReadOnlyDictionary<string, int> columns, string[] cells)
{
    /// <summary>The raw text of <paramref name="column"/>.</summary>
    /// <exception cref="InvalidDataException">The column is missing.</exception>
    public string Text(string column) => columns.TryGetValue(column, out var i) && i < cells.Length ? cells[i]
        : throw new InvalidDataException($"{source}: row {row} has no column '{column}'.");

    /// <summary>True when the file has <paramref name="column"/>.</summary>
    public bool Has(string column) => columns.ContainsKey(column);

    /// <summary>An integer cell.</summary>
    public int Int(string column) => int.TryParse(Text(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw Bad(column, "an integer");

    /// <summary>A double cell ("" reads as NaN).</summary>
    public double Double(string column) => Text(column) is "" ? double.NaN
        : double.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(column, "a number");

    /// <summary>A nullable double cell ("" reads as null).</summary>
    public double? NullableDouble(string column) => Text(column) is "" ? null : Double(column);

    /// <summary>Space-separated integers.</summary>
    public int[] Ints(string column) => Text(column).Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(column, "space-separated integers")).ToArray();

    /// <summary>Space-separated floats.</summary>
    public float[] Floats(string column) => Text(column).Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(t => float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(column, "space-separated numbers")).ToArray();

    private InvalidDataException Bad(string column, string what) =>
        new($"{source}: row {row}, column '{column}': '{Text(column)}' is not {what}.");

    /// <summary>The data rows of CSV <paramref name="text"/> (header first), each with access by column name.</summary>
    /// <exception cref="InvalidDataException">Empty file, or a row with another number of cells than the header.</exception>
    public static IReadOnlyList<CsvRow> All(string text, string source)
    {
        var rows = CsvText.Parse(text, source);
        if (rows.Count == 0) throw new InvalidDataException($"{source}: empty file, expected a header row.");
        var columns = rows[0].Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        return rows.Skip(1).Select((cells, i) => cells.Length == rows[0].Length ? new CsvRow(source, i + 2, columns, cells)
            : throw new InvalidDataException($"{source}: row {i + 2} has {cells.Length} cells, the header {rows[0].Length}.")).ToList();
    }
}
