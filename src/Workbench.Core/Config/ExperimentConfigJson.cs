using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Config;

/// <summary>Reads and writes <see cref="ExperimentConfig"/> as JSON, and compares two configs field by field.</summary>
public static class ExperimentConfigJson
{
    /// <summary>
    /// Fields that may change when a run resumes (<see cref="FieldReach.Resume"/>): <c>rounds</c> (a run can be extended) and
    /// <c>device</c> (where it runs is not what it is).
    /// </summary>
    public static IReadOnlyList<string> ResumableFields { get; } = FieldsReaching(FieldReach.Resume);

    /// <summary>The JSON names of the fields declared with one of <paramref name="reaches"/>, in declaration order.</summary>
    public static IReadOnlyList<string> FieldsReaching(params FieldReach[] reaches) =>
        StoredJson.Compact.GetTypeInfo(typeof(ExperimentConfig)).Properties
            .Where(p => reaches.Contains(p.AttributeProvider?.GetCustomAttributes(typeof(ReachAttribute), false).OfType<ReachAttribute>()
                .SingleOrDefault()?.Reach ?? FieldReach.RoundZero))
            .Select(p => p.Name).ToList();

    /// <summary>Indented JSON with camelCase field names and enums as kebab-case strings.</summary>
    public static string ToJson(this ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return JsonSerializer.Serialize(config, StoredJson.Indented);
    }

    /// <summary>Parses and validates a config.</summary>
    /// <exception cref="ArgumentException">Malformed JSON, an unknown field, or an invalid value; names the field.</exception>
    public static ExperimentConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ExperimentConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ExperimentConfig>(Upgrade(json), StoredJson.Indented);
        }
        catch (JsonException e)
        {
            string field = string.IsNullOrEmpty(e.Path) ? "config" : e.Path.TrimStart('$', '.');
            throw new ArgumentException($"Cannot read experiment config: {e.Message}", field, e);
        }
        return (config ?? throw new ArgumentException("The config JSON is null.", nameof(json))).Validate();
    }

    /// <summary>Reads and validates a config file.</summary>
    public static ExperimentConfig Load(string path) => FromJson(File.ReadAllText(path));

    /// <summary>Throws unless <paramref name="requested"/> may continue the run stored with <paramref name="stored"/>.</summary>
    /// <exception cref="ConfigMismatchException">A field outside <see cref="ResumableFields"/> differs; names every such field.</exception>
    public static void RequireResumable(ExperimentConfig stored, ExperimentConfig requested, string directory)
    {
        var differences = Differences(stored, requested).Where(d => !ResumableFields.Contains(d.Field)).ToList();
        if (differences.Count > 0) throw new ConfigMismatchException(directory, differences);
    }

    /// <summary>Every field whose value differs, in declaration order (JSON names).</summary>
    public static IReadOnlyList<ConfigDifference> Differences(ExperimentConfig stored, ExperimentConfig requested)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(requested);
        var left = JsonSerializer.SerializeToNode(stored, StoredJson.Compact)!.AsObject();
        var right = JsonSerializer.SerializeToNode(requested, StoredJson.Compact)!.AsObject();
        var differences = new List<ConfigDifference>();
        foreach (var (field, value) in left)
        {
            var other = right[field];
            if (!JsonNode.DeepEquals(value, other))
                differences.Add(new ConfigDifference(field, Text(value), Text(other)));
        }
        return differences;
    }

    /// <summary>
    /// Renames the fields of older config files to today's names ("strategy" became "recipe"), so run folders made before
    /// a rename still open and resume. Anything that is not a JSON object is left for the deserializer to report.
    /// </summary>
    private static string Upgrade(string json)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (JsonException) { return json; }
        if (node is not JsonObject fields || !fields.ContainsKey("strategy") || fields.ContainsKey("recipe")) return json;
        var value = fields["strategy"]?.DeepClone();
        fields.Remove("strategy");
        fields["recipe"] = value;
        return fields.ToJsonString();
    }

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
