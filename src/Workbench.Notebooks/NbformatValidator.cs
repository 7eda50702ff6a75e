// Notebooks: checks notebook JSON against the nbformat 4.5 schema rules.
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workbench.Notebooks;

/// <summary>
/// Checks notebook JSON against the rules of the nbformat 4.5 JSON schema, written out by hand
/// because no JSON-schema package is available. Returns every problem found, each naming its place
/// (e.g. "cells[2].outputs[0]: 'text' is required"); an empty list means valid.
/// </summary>
public static partial class NbformatValidator
{
    private static readonly HashSet<string> TopLevelKeys = ["metadata", "nbformat_minor", "nbformat", "cells"];
    private static readonly HashSet<string> TextCellKeys = ["id", "cell_type", "metadata", "attachments", "source"];
    private static readonly HashSet<string> CodeCellKeys = ["id", "cell_type", "metadata", "source", "outputs", "execution_count"];

    // Per output type the required keys, which are also the only keys allowed.
    private static readonly Dictionary<string, string[]> OutputKeys = new()
    {
        ["stream"] = ["output_type", "name", "text"],
        ["display_data"] = ["output_type", "data", "metadata"],
        ["execute_result"] = ["output_type", "data", "metadata", "execution_count"],
        ["error"] = ["output_type", "ename", "evalue", "traceback"],
    };

    /// <summary>Validates a notebook file.</summary>
    public static IReadOnlyList<string> ValidateFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Validate(File.ReadAllText(path));
    }

    /// <summary>Validates notebook JSON text.</summary>
    public static IReadOnlyList<string> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return Validate(JsonNode.Parse(json));
        }
        catch (JsonException e)
        {
            return [$"not valid JSON: {e.Message}"];
        }
    }

    /// <summary>Validates a parsed notebook.</summary>
    public static IReadOnlyList<string> Validate(JsonNode? root)
    {
        var errors = new List<string>();
        if (root is not JsonObject notebook)
        {
            errors.Add("the notebook must be a JSON object");
            return errors;
        }
        RequireKeys(notebook, TopLevelKeys, "notebook", errors);
        RejectExtraKeys(notebook, TopLevelKeys, "notebook", errors);

        if (notebook["nbformat"] is not null && (!IsInteger(notebook["nbformat"], out long major) || major != 4))
        {
            errors.Add("notebook: 'nbformat' must be the integer 4");
        }
        long minor = 0;
        if (notebook["nbformat_minor"] is not null && (!IsInteger(notebook["nbformat_minor"], out minor) || minor < 0))
        {
            errors.Add("notebook: 'nbformat_minor' must be a non-negative integer");
        }
        if (notebook.ContainsKey("metadata")) CheckNotebookMetadata(notebook["metadata"], errors);

        if (notebook.ContainsKey("cells"))
        {
            if (notebook["cells"] is not JsonArray cells)
            {
                errors.Add("notebook: 'cells' must be an array");
            }
            else
            {
                var ids = new HashSet<string>(StringComparer.Ordinal);
                for (int i = 0; i < cells.Count; i++) CheckCell(cells[i], $"cells[{i}]", minor, ids, errors);
            }
        }
        return errors;
    }

    private static void CheckNotebookMetadata(JsonNode? node, List<string> errors)
    {
        if (node is not JsonObject metadata)
        {
            errors.Add("notebook: 'metadata' must be an object");
            return;
        }
        if (metadata["kernelspec"] is { } kernelspec)
        {
            if (kernelspec is not JsonObject spec) errors.Add("metadata.kernelspec must be an object");
            else foreach (string key in new[] { "name", "display_name" }) RequireString(spec, key, "metadata.kernelspec", errors);
        }
        if (metadata["language_info"] is { } languageInfo)
        {
            if (languageInfo is not JsonObject info) errors.Add("metadata.language_info must be an object");
            else RequireString(info, "name", "metadata.language_info", errors);
        }
    }

    private static void CheckCell(JsonNode? node, string where, long minor, HashSet<string> ids, List<string> errors)
    {
        if (node is not JsonObject cell)
        {
            errors.Add($"{where}: a cell must be an object");
            return;
        }
        string? type = cell["cell_type"] is JsonValue t && t.TryGetValue(out string? s) ? s : null;
        if (type is null)
        {
            errors.Add($"{where}: 'cell_type' is required and must be a string");
            return;
        }
        if (type is not ("code" or "markdown" or "raw"))
        {
            // Unrecognised cell types (future minor versions) only need metadata.
            if (cell["metadata"] is not JsonObject) errors.Add($"{where}: 'metadata' is required and must be an object");
            return;
        }

        var allowed = type == "code" ? CodeCellKeys : TextCellKeys;
        var required = allowed.Where(k => k != "attachments" && (k != "id" || minor >= 5));
        RequireKeys(cell, required, where, errors);
        if (type != "code" && cell.ContainsKey("outputs")) errors.Add($"{where}: a {type} cell must not have 'outputs'");
        if (type != "code" && cell.ContainsKey("execution_count")) errors.Add($"{where}: a {type} cell must not have 'execution_count'");
        RejectExtraKeys(cell, allowed.Concat(type == "code" ? [] : ["outputs", "execution_count"]).ToHashSet(), where, errors);

        if (cell["id"] is { } idNode)
        {
            if (idNode is not JsonValue idValue || !idValue.TryGetValue(out string? id) || !CellId().IsMatch(id) || id.Length > 64)
            {
                errors.Add($"{where}: 'id' must be 1-64 characters of letters, digits, '-' or '_'");
            }
            else if (!ids.Add(id))
            {
                errors.Add($"{where}: duplicate cell id '{id}'");
            }
        }
        if (cell.ContainsKey("source") && !IsMultiline(cell["source"])) errors.Add($"{where}: 'source' must be a string or a list of strings");
        if (cell.ContainsKey("metadata")) CheckCellMetadata(cell["metadata"], where, type, errors);
        if (cell["attachments"] is { } attachments)
        {
            if (attachments is not JsonObject bundles) errors.Add($"{where}: 'attachments' must be an object");
            else foreach (var (name, bundle) in bundles) CheckMimeBundle(bundle, $"{where}.attachments['{name}']", errors);
        }
        if (type != "code") return;

        if (cell.ContainsKey("execution_count") && !IsCount(cell["execution_count"]))
        {
            errors.Add($"{where}: 'execution_count' must be a non-negative integer or null");
        }
        if (cell.ContainsKey("outputs"))
        {
            if (cell["outputs"] is not JsonArray outputs) errors.Add($"{where}: 'outputs' must be an array");
            else for (int i = 0; i < outputs.Count; i++) CheckOutput(outputs[i], $"{where}.outputs[{i}]", errors);
        }
    }

    private static void CheckCellMetadata(JsonNode? node, string where, string type, List<string> errors)
    {
        if (node is not JsonObject metadata)
        {
            errors.Add($"{where}: 'metadata' must be an object");
            return;
        }
        if (metadata["tags"] is { } tagsNode)
        {
            if (tagsNode is not JsonArray tags || tags.Any(tag => tag is not JsonValue v || !v.TryGetValue(out string? _)))
            {
                errors.Add($"{where}.metadata: 'tags' must be a list of strings");
            }
            else
            {
                var values = tags.Select(tag => tag!.GetValue<string>()).ToList();
                if (values.Distinct().Count() != values.Count) errors.Add($"{where}.metadata: 'tags' must be unique");
                if (values.Any(v => v.Length == 0 || v.Contains(','))) errors.Add($"{where}.metadata: tags must be non-empty and contain no comma");
            }
        }
        if (metadata["name"] is { } name && (name is not JsonValue nv || !nv.TryGetValue(out string? n) || n.Length == 0))
        {
            errors.Add($"{where}.metadata: 'name' must be a non-empty string");
        }
        if (type == "code" && metadata["execution"] is { } execution)
        {
            if (execution is not JsonObject timings || timings.Any(p => p.Value is not JsonValue v || !v.TryGetValue(out string? _)))
            {
                errors.Add($"{where}.metadata: 'execution' must be an object of strings");
            }
        }
    }

    private static void CheckOutput(JsonNode? node, string where, List<string> errors)
    {
        if (node is not JsonObject output)
        {
            errors.Add($"{where}: an output must be an object");
            return;
        }
        string? type = output["output_type"] is JsonValue t && t.TryGetValue(out string? s) ? s : null;
        if (type is null)
        {
            errors.Add($"{where}: 'output_type' is required and must be a string");
            return;
        }
        if (!OutputKeys.TryGetValue(type, out var keys)) return; // unrecognised output types are allowed
        RequireKeys(output, keys, where, errors);
        RejectExtraKeys(output, keys.ToHashSet(), where, errors);
        switch (type)
        {
            case "stream":
                if (output["name"] is not null) RequireString(output, "name", where, errors);
                if (output.ContainsKey("text") && !IsMultiline(output["text"])) errors.Add($"{where}: 'text' must be a string or a list of strings");
                break;
            case "display_data" or "execute_result":
                if (output.ContainsKey("data")) CheckMimeBundle(output["data"], where + ".data", errors);
                if (output.ContainsKey("metadata") && output["metadata"] is not JsonObject) errors.Add($"{where}: 'metadata' must be an object");
                if (type == "execute_result" && output.ContainsKey("execution_count") && !IsCount(output["execution_count"]))
                {
                    errors.Add($"{where}: 'execution_count' must be a non-negative integer or null");
                }
                break;
            case "error":
                if (output["ename"] is not null) RequireString(output, "ename", where, errors);
                if (output["evalue"] is not null) RequireString(output, "evalue", where, errors);
                if (output.ContainsKey("traceback") && (output["traceback"] is not JsonArray tb || !tb.All(IsString)))
                {
                    errors.Add($"{where}: 'traceback' must be a list of strings");
                }
                break;
        }
    }

    private static void CheckMimeBundle(JsonNode? node, string where, List<string> errors)
    {
        if (node is not JsonObject bundle)
        {
            errors.Add($"{where}: a MIME bundle must be an object");
            return;
        }
        foreach (var (mime, value) in bundle)
        {
            bool jsonMime = mime == "application/json" || (mime.StartsWith("application/", StringComparison.Ordinal) && mime.EndsWith("+json", StringComparison.Ordinal));
            if (!jsonMime && !IsMultiline(value)) errors.Add($"{where}['{mime}']: must be a string or a list of strings");
        }
    }

    private static void RequireKeys(JsonObject obj, IEnumerable<string> keys, string where, List<string> errors)
    {
        foreach (string key in keys)
        {
            if (!obj.ContainsKey(key)) errors.Add($"{where}: '{key}' is required");
        }
    }

    private static void RejectExtraKeys(JsonObject obj, ISet<string> allowed, string where, List<string> errors)
    {
        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key)) errors.Add($"{where}: unexpected key '{key}'");
        }
    }

    private static void RequireString(JsonObject obj, string key, string where, List<string> errors)
    {
        if (!IsString(obj[key])) errors.Add($"{where}: '{key}' is required and must be a string");
    }

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static bool IsMultiline(JsonNode? node) => IsString(node) || (node is JsonArray lines && lines.All(IsString));

    private static bool IsInteger(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }

    private static bool IsCount(JsonNode? node) => node is null || (IsInteger(node, out long n) && n >= 0);

    [GeneratedRegex("^[a-zA-Z0-9-_]+$")]
    private static partial Regex CellId();
}
