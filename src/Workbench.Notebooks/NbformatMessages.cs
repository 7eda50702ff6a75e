using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Workbench.Notebooks;

/// <summary>
/// Reads JsonSchema.Net's hierarchical results of one notebook. Its own messages name neither the key nor the rule
/// ("Value should match one of the values specified by the enum"), and a cell or output is a oneOf of its kinds, so a
/// broken code cell also "fails" the raw and markdown shapes; here each failure is said from the schema's rule and the
/// notebook's value, and of a oneOf only the kinds whose type tag (cell_type, output_type) the value has are reported.
/// </summary>
internal sealed class NbformatMessages(JsonElement notebook, JsonNode schema)
{
    public IEnumerable<string> Of(EvaluationResults node)
    {
        if (node.IsValid) yield break;
        var children = node.Details ?? [];
        var branches = children.Where(IsOneOfBranch).ToList();
        // A failed oneOf is said from its branches below, not as "more or fewer than one matched".
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
            if (keyword != "oneOf") foreach (string problem in Say(node, keyword, message)) yield return problem;
        foreach (var child in children.Except(branches)) foreach (string problem in Of(child)) yield return problem;
        if (branches.Count > 0) foreach (string problem in OneOf(node, branches)) yield return problem;
    }

    private IEnumerable<string> OneOf(EvaluationResults node, List<EvaluationResults> branches)
    {
        var failing = branches.Where(b => !b.IsValid).ToList();
        if (failing.Count < branches.Count)
        {
            yield return $"{Place(node.InstanceLocation.ToString())}: matches more than one of its allowed shapes";
            yield break;
        }
        var tagged = failing.Where(b => TagMismatch(b) is null).ToList();
        if (tagged.Count == 0)
        {
            string tag = TagMismatch(failing[0])!;
            yield return $"{Place(node.InstanceLocation.ToString())}: unknown {tag} {Value(node.InstanceLocation + "/" + tag)}";
            yield break;
        }
        var problems = tagged.Select(b => Of(b).ToList()).ToList();
        var common = problems.Aggregate((a, b) => [.. a.Intersect(b)]);
        if (tagged.Count == 1 || common.Count > 0)
        {
            foreach (string problem in tagged.Count == 1 ? problems[0] : common) yield return problem;
            yield break;
        }
        // Untagged alternatives (a string or a list of strings): say what each would have needed.
        var shapes = tagged.Select(b => Resolve(b.SchemaLocation) is { } s ? Describe(s) : null).ToList();
        yield return shapes.All(s => s is not null)
            ? $"{Subject(node.InstanceLocation.ToString())} must be {string.Join(" or ", shapes)}"
            : problems.OrderBy(p => p.Count).First().First();
    }

    // The type tag a branch rejects: an enum failing on a key of the branch's own object (raw_cell's "cell_type": ["raw"]).
    private static string? TagMismatch(EvaluationResults branch)
    {
        string prefix = branch.InstanceLocation + "/";
        return Flatten(branch).Where(r => r.Errors?.ContainsKey("enum") == true)
            .Select(r => r.InstanceLocation.ToString())
            .FirstOrDefault(at => at.StartsWith(prefix, StringComparison.Ordinal) && !at[prefix.Length..].Contains('/'))?[prefix.Length..];
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults node) =>
        node.IsValid ? [] : (node.Details ?? []).SelectMany(Flatten).Prepend(node);

    private static bool IsOneOfBranch(EvaluationResults node)
    {
        var path = Segments(node.EvaluationPath.ToString());
        return path.Count >= 2 && path[^2] == "oneOf" && int.TryParse(path[^1], out _);
    }

    private IEnumerable<string> Say(EvaluationResults node, string keyword, string libraryMessage)
    {
        string at = node.InstanceLocation.ToString();
        var rule = Resolve(node.SchemaLocation);
        if (Segments(node.EvaluationPath.ToString()) is [.., "additionalProperties"])
        {
            var path = Segments(at);
            string parent = "/" + string.Join("/", path.Take(path.Count - 1).Select(Escape));
            return [$"{Place(parent)}: unexpected key '{path[^1]}'{Kind(parent)}"];
        }
        if (keyword == "required" && rule?["required"] is JsonArray required && Find(at) is { ValueKind: JsonValueKind.Object } obj)
        {
            return required.Select(k => k!.GetValue<string>()).Where(k => !obj.TryGetProperty(k, out _)).Select(k => $"{Place(at)}: '{k}' is required");
        }
        if (rule is not null && keyword is "type" or "enum" or "minimum" or "maximum" or "pattern" or "minLength" or "maxLength" or "uniqueItems")
            return [$"{Subject(at)} must be {Describe(rule)}"];
        return [$"{Place(at)}: {libraryMessage}"];
    }

    // " in a markdown cell" / " in a stream output": which shape's key list the key is missing from.
    private string Kind(string at) => Find(at) is { ValueKind: JsonValueKind.Object } obj
        ? obj.TryGetProperty("cell_type", out var cell) && cell.ValueKind == JsonValueKind.String ? $" in a {cell.GetString()} cell"
        : obj.TryGetProperty("output_type", out var output) && output.ValueKind == JsonValueKind.String ? $" in a {output.GetString()} output"
        : ""
        : "";

    /// <summary>What a value must be, said from its schema: "a list of strings", "the integer 4", "an integer >= 0 or null".</summary>
    internal static string Describe(JsonNode rule)
    {
        if (rule["enum"] is JsonArray values) return "one of " + string.Join(", ", values.Select(v => v!.ToJsonString()));
        var types = rule["type"] switch
        {
            JsonArray list => list.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        var shapes = types.Select(type => type switch
        {
            "integer" when rule["minimum"] is { } min && rule["maximum"] is { } max && min.ToJsonString() == max.ToJsonString() => $"the integer {min}",
            "integer" or "number" => $"{Article(type)} {type}{Bounds(rule)}",
            "string" => "a string" + Text(rule),
            "array" => rule["items"] is JsonObject items
                ? $"a list of {(rule["uniqueItems"]?.GetValue<bool>() == true ? "unique " : "")}{Plural(items)}"
                : "a list",
            "object" => "an object",
            _ => type,
        });
        return types.Count > 0 ? string.Join(" or ", shapes) : "as the schema says";
    }

    private static string Plural(JsonNode items) =>
        items["type"] is JsonValue t && items.AsObject().Count == 1 ? t.GetValue<string>() + "s" : $"items that are each {Describe(items)}";

    private static string Bounds(JsonNode rule) =>
        (rule["minimum"] is { } min ? $" >= {min}" : "") + (rule["maximum"] is { } max ? $" <= {max}" : "");

    private static string Text(JsonNode rule)
    {
        string length = (rule["minLength"], rule["maxLength"]) switch
        {
            ({ } min, { } max) => $" of {min}-{max} characters",
            ({ } min, null) => $" of at least {min} characters",
            (null, { } max) => $" of at most {max} characters",
            _ => "",
        };
        return length + (rule["pattern"] is { } pattern ? $" matching {pattern.GetValue<string>()}" : "");
    }

    private static string Article(string word) => "aeiou".Contains(word[0]) ? "an" : "a";

    // "cells[3].outputs[0]: 'text'" for a key, "cells[3].outputs[0].traceback[2]:" for a list item.
    private string Subject(string at)
    {
        var path = Segments(at);
        if (path.Count == 0 || int.TryParse(path[^1], NumberStyles.None, CultureInfo.InvariantCulture, out _)) return $"{Place(at)}:";
        return $"{Place("/" + string.Join("/", path.Take(path.Count - 1).Select(Escape)))}: '{path[^1]}'";
    }

    /// <summary>A JSON pointer as the user reads it: "notebook" for the root, else "cells[3].outputs[0]".</summary>
    internal static string Place(string pointer)
    {
        var path = Segments(pointer);
        if (path.Count == 0) return "notebook";
        var text = new System.Text.StringBuilder();
        foreach (string segment in path)
        {
            if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int index)) text.Append('[').Append(index).Append(']');
            else text.Append(text.Length == 0 ? "" : ".").Append(segment);
        }
        return text.ToString();
    }

    private string Value(string pointer) => Find(pointer) is { } value ? value.GetRawText() : "(missing)";

    private JsonElement? Find(string pointer)
    {
        var current = notebook;
        foreach (string segment in Segments(pointer))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child)) current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out int i) && i < current.GetArrayLength()) current = current[i];
            else return null;
        }
        return current;
    }

    // The rule a result was evaluated against: the fragment of its schema location, inside the embedded document.
    private JsonNode? Resolve(Uri? location)
    {
        if (location is null) return null;
        JsonNode? current = schema;
        foreach (string segment in Segments(Uri.UnescapeDataString(location.Fragment.TrimStart('#'))))
        {
            current = current switch
            {
                JsonObject obj => obj[segment],
                JsonArray list when int.TryParse(segment, out int i) && i < list.Count => list[i],
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    private static List<string> Segments(string pointer) =>
        [.. pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/").Replace("~0", "~"))];

    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");
}
