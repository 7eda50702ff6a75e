using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Notebooks;

/// <summary>
/// Reads and writes .ipynb files (nbformat 4). Writing mimics nbformat: keys sorted, one-space
/// indent, text split into lists of lines, a final newline, so diffs against Jupyter-written files stay small.
/// </summary>
public static class NotebookSerializer
{
    private static readonly HashSet<string> KnownCellFields = ["cell_type", "id", "source", "metadata", "execution_count", "outputs"];

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads a notebook file; <see cref="NotebookFormatException"/> when it is not nbformat 4 JSON.</summary>
    public static Notebook ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"notebook '{path}' does not exist", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Writes a notebook file (UTF-8 without BOM), creating the folder if needed.</summary>
    public static void WriteFile(Notebook notebook, string path)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        File.WriteAllText(path, Serialize(notebook), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Parses notebook JSON; <paramref name="sourceName"/> names the file in error messages.</summary>
    public static Notebook Parse(string json, string sourceName = "notebook")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"{sourceName} is not valid JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj) throw new NotebookFormatException($"{sourceName}: the top level must be a JSON object");
        int major = ReadInt(obj, "nbformat", sourceName) ?? throw new NotebookFormatException($"{sourceName}: 'nbformat' is missing");
        if (major != Notebook.FormatMajor) throw new NotebookFormatException($"{sourceName}: nbformat {major} is not supported, only 4");
        var notebook = new Notebook
        {
            NbformatMinor = ReadInt(obj, "nbformat_minor", sourceName) ?? 0,
            Metadata = obj["metadata"] as JsonObject is { } metadata ? (JsonObject)metadata.DeepClone() : new JsonObject(),
        };
        if (obj["cells"] is not JsonArray cells) throw new NotebookFormatException($"{sourceName}: 'cells' must be an array");
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cellJson) throw new NotebookFormatException($"{sourceName}: cell {i} is not an object");
            notebook.Cells.Add(ParseCell(cellJson, notebook, $"{sourceName}: cell {i}"));
        }
        // A generated id may clash with an explicit id of a later cell: renumber the later duplicates.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in notebook.Cells)
        {
            if (!seen.Add(cell.Id))
            {
                cell.Id = notebook.NewCellId();
                seen.Add(cell.Id);
            }
        }
        // Cell ids became mandatory in 4.5; older files get ids, as nbformat's own upgrade does.
        notebook.NbformatMinor = Math.Max(notebook.NbformatMinor, Notebook.CurrentMinor);
        return notebook;
    }

    /// <summary>The notebook as .ipynb JSON text.</summary>
    public static string Serialize(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(notebook.Cells.Select(CellToJson).ToArray<JsonNode?>()),
            ["metadata"] = notebook.Metadata.DeepClone(),
            ["nbformat"] = Notebook.FormatMajor,
            ["nbformat_minor"] = notebook.NbformatMinor,
        };
        return SortKeys(root)!.ToJsonString(WriteOptions) + "\n";
    }

    /// <summary>Splits text into lines that keep their "\n", the nbformat multiline-string convention.</summary>
    public static JsonArray SplitLines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length - 1;
            lines.Add(text.Substring(start, end - start + 1));
            start = end + 1;
        }
        return lines;
    }

    private static NotebookCell ParseCell(JsonObject json, Notebook notebook, string where)
    {
        string cellType = json["cell_type"] is JsonValue v && v.TryGetValue(out string? t) ? t : throw new NotebookFormatException($"{where}: 'cell_type' is missing");
        string id = json["id"] is JsonValue idValue && idValue.TryGetValue(out string? s) && s.Length > 0 ? s : notebook.NewCellId();
        var cell = new NotebookCell(cellType, id, ReadMultiline(json["source"], where + " source"))
        {
            Metadata = json["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : new JsonObject(),
            ExecutionCount = json["execution_count"] is JsonValue count && count.TryGetValue(out int n) ? n : null,
        };
        if (json["outputs"] is JsonArray outputs)
        {
            foreach (var output in outputs)
            {
                if (output is not JsonObject o) throw new NotebookFormatException($"{where}: an output is not an object");
                cell.Outputs.Add(ParseOutput(o, where));
            }
        }
        foreach (var (key, value) in json)
        {
            if (!KnownCellFields.Contains(key)) cell.ExtraFields[key] = value?.DeepClone();
        }
        return cell;
    }

    private static CellOutput ParseOutput(JsonObject o, string where)
    {
        string type = o["output_type"] is JsonValue v && v.TryGetValue(out string? t) ? t : "";
        JsonObject? metadata = o["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : null;
        return type switch
        {
            "stream" => new StreamOutput(o["name"]?.GetValue<string>() ?? StreamOutput.StdOut, ReadMultiline(o["text"], where + " stream text")),
            "display_data" => new DisplayDataOutput(ReadBundle(o["data"], where), metadata),
            "execute_result" => new ExecuteResultOutput(
                o["execution_count"] is JsonValue c && c.TryGetValue(out int n) ? n : 0, ReadBundle(o["data"], where), metadata),
            "error" => new ErrorOutput(o["ename"]?.GetValue<string>() ?? "", o["evalue"]?.GetValue<string>() ?? "",
                o["traceback"] is JsonArray tb ? tb.Select(l => l?.GetValue<string>() ?? "").ToArray() : []),
            _ => new UnknownOutput((JsonObject)o.DeepClone()),
        };
    }

    private static Dictionary<string, string> ReadBundle(JsonNode? data, string where)
    {
        var bundle = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data is not JsonObject obj) return bundle;
        foreach (var (mime, value) in obj)
        {
            bundle[mime] = IsJsonMime(mime) ? value?.ToJsonString() ?? "null" : ReadMultiline(value, $"{where} data '{mime}'");
        }
        return bundle;
    }

    private static JsonObject CellToJson(NotebookCell cell)
    {
        var json = new JsonObject
        {
            ["cell_type"] = cell.CellType,
            ["id"] = cell.Id,
            ["metadata"] = cell.Metadata.DeepClone(),
            ["source"] = SplitLines(cell.Source),
        };
        if (cell.IsCode)
        {
            json["execution_count"] = cell.ExecutionCount;
            json["outputs"] = new JsonArray(cell.Outputs.Select(OutputToJson).ToArray<JsonNode?>());
        }
        foreach (var (key, value) in cell.ExtraFields)
        {
            if (!json.ContainsKey(key)) json[key] = value?.DeepClone();
        }
        return json;
    }

    private static JsonObject OutputToJson(CellOutput output) => output switch
    {
        StreamOutput s => new JsonObject { ["output_type"] = s.OutputType, ["name"] = s.Name, ["text"] = SplitLines(s.Text) },
        DisplayDataOutput d => new JsonObject
        {
            ["output_type"] = d.OutputType, ["data"] = BundleToJson(d.Data), ["metadata"] = d.Metadata?.DeepClone() ?? new JsonObject(),
        },
        ExecuteResultOutput r => new JsonObject
        {
            ["output_type"] = r.OutputType, ["execution_count"] = r.ExecutionCount,
            ["data"] = BundleToJson(r.Data), ["metadata"] = r.Metadata?.DeepClone() ?? new JsonObject(),
        },
        ErrorOutput e => new JsonObject
        {
            ["output_type"] = e.OutputType, ["ename"] = e.EName, ["evalue"] = e.EValue,
            ["traceback"] = new JsonArray(e.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
        },
        UnknownOutput u => (JsonObject)u.Json.DeepClone(),
        _ => throw new ArgumentException($"unknown output kind {output.GetType().Name}", nameof(output)),
    };

    private static JsonObject BundleToJson(IReadOnlyDictionary<string, string> data)
    {
        var json = new JsonObject();
        foreach (var (mime, value) in data)
        {
            // Same rule as nbformat: text/* and SVG are stored as line lists, base64 images as one string.
            json[mime] = IsJsonMime(mime) ? JsonNode.Parse(value)
                : mime.StartsWith("text/", StringComparison.Ordinal) || mime is "image/svg+xml" or "application/javascript" ? SplitLines(value)
                : JsonValue.Create(value);
        }
        return json;
    }

    private static bool IsJsonMime(string mime) =>
        mime == "application/json" || (mime.StartsWith("application/", StringComparison.Ordinal) && mime.EndsWith("+json", StringComparison.Ordinal));

    private static string ReadMultiline(JsonNode? node, string where) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l is JsonValue lv && lv.TryGetValue(out string? s) ? s : throw new NotebookFormatException($"{where}: lines must be strings"))),
        JsonValue value when value.TryGetValue(out string? s) => s,
        _ => throw new NotebookFormatException($"{where}: expected a string or a list of strings"),
    };

    private static int? ReadInt(JsonObject obj, string key, string where) => obj[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out int n) => n,
        _ => throw new NotebookFormatException($"{where}: '{key}' must be an integer"),
    };

    private static JsonNode? SortKeys(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, SortKeys(p.Value)))),
        JsonArray array => new JsonArray(array.Select(SortKeys).ToArray()),
        _ => node?.DeepClone(),
    };
}
