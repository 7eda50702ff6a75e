using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Workbench.Notebooks;

/// <summary>
/// Checks notebook JSON against Jupyter's nbformat JSON schema (v4.5, or v4.4 for nbformat_minor below 5, as
/// Python's nbformat picks them), embedded from python3-nbformat, plus the unique cell ids that the schema cannot
/// say. Returns every problem found, each naming its place (e.g. "cells[2].outputs[0]: 'text' is required"); an
/// empty list means valid.
/// </summary>
public static class NbformatValidator
{
    private static readonly Lazy<NbformatSchema> V44 = new(() => NbformatSchema.Load("nbformat.v4.4.schema.json"));
    private static readonly Lazy<NbformatSchema> V45 = new(() => NbformatSchema.Load("nbformat.v4.5.schema.json"));

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
            using var document = JsonDocument.Parse(json);
            return Validate(document.RootElement);
        }
        catch (JsonException e)
        {
            return [$"not valid JSON: {e.Message}"];
        }
    }

    /// <summary>Validates a parsed notebook.</summary>
    public static IReadOnlyList<string> Validate(JsonNode? root) => Validate(JsonSerializer.SerializeToElement(root));

    private static IReadOnlyList<string> Validate(JsonElement notebook)
    {
        if (notebook.ValueKind != JsonValueKind.Object) return ["the notebook must be a JSON object"];
        bool before45 = notebook.TryGetProperty("nbformat_minor", out var minor) && minor.ValueKind == JsonValueKind.Number
            && minor.TryGetInt64(out long m) && m < 5;
        var schema = (before45 ? V44 : V45).Value;
        var errors = schema.Problems(notebook).Distinct().ToList();
        errors.AddRange(DuplicateCellIds(notebook));
        return errors;
    }

    // Python's nbformat checks this beside the schema too: a JSON schema cannot say "unique by one property".
    private static IEnumerable<string> DuplicateCellIds(JsonElement notebook)
    {
        if (!notebook.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array) yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (var cell in cells.EnumerateArray())
        {
            if (cell.ValueKind == JsonValueKind.Object && cell.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && !seen.Add(id.GetString()!))
            {
                yield return $"cells[{index}]: duplicate cell id '{id.GetString()}'";
            }
            index++;
        }
    }
}

/// <summary>One embedded nbformat schema, built once, and the walk that turns its evaluation into messages.</summary>
internal sealed class NbformatSchema
{
    // JsonSchema.Net knows drafts 6 and later. The nbformat schemas declare draft 4 but use only keywords whose meaning
    // draft 7 kept (no exclusiveMinimum/Maximum, no "id"), so draft 7 evaluates them as draft 4 would.
    private static readonly Uri Draft4 = new("http://json-schema.org/draft-04/schema#");

    private readonly JsonSchema _schema;
    private readonly JsonNode _document;

    private NbformatSchema(JsonSchema schema, JsonNode document) => (_schema, _document) = (schema, document);

    public static NbformatSchema Load(string name)
    {
        using var stream = typeof(NbformatSchema).Assembly.GetManifestResourceStream($"Workbench.Notebooks.{name}")
            ?? throw new InvalidOperationException($"the embedded schema {name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var document = JsonNode.Parse(text)!;
        // JsonSchema.Net 8.0.5 fails (KeyNotFoundException) on a patternProperties pattern holding a '/', as the mime
        // bundle's "^application/(.*\+)?json$" does; \x2F is the same character to the regex and not to the lookup.
        text = text.Replace("^application/", @"^application\\x2F", StringComparison.Ordinal);
        var options = new BuildOptions();
        options.DialectRegistry.Register(Dialect.Draft07.With([], Draft4));
        return new NbformatSchema(JsonSchema.FromText(text, options), document);
    }

    public IEnumerable<string> Problems(JsonElement notebook)
    {
        var results = _schema.Evaluate(notebook, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        return new NbformatMessages(notebook, _document).Of(results);
    }
}
