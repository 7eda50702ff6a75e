using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Loop;

/// <summary>Reads and writes <see cref="ExperimentConfig"/> as JSON, and compares two configs field by field.</summary>
public static class ExperimentConfigJson
{
    /// <summary>
    /// Fields that may change when a run resumes: <c>rounds</c> (a run can be extended) and <c>device</c>
    /// (where it runs is not what it is).
    /// </summary>
    public static IReadOnlyList<string> ResumableFields { get; } = ["rounds", "device"];

    /// <summary>Indented JSON with camelCase field names and enums as kebab-case strings.</summary>
    public static string ToJson(this ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return JsonSerializer.Serialize(config, LoopJson.Indented);
    }

    /// <summary>Parses and validates a config.</summary>
    /// <exception cref="ArgumentException">Malformed JSON, an unknown field, or an invalid value; names the field.</exception>
    public static ExperimentConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ExperimentConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ExperimentConfig>(json, LoopJson.Indented);
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

    /// <summary>Every field whose value differs, in declaration order (JSON names).</summary>
    public static IReadOnlyList<ConfigDifference> Differences(ExperimentConfig stored, ExperimentConfig requested)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(requested);
        var left = JsonSerializer.SerializeToNode(stored, LoopJson.Compact)!.AsObject();
        var right = JsonSerializer.SerializeToNode(requested, LoopJson.Compact)!.AsObject();
        var differences = new List<ConfigDifference>();
        foreach (var (field, value) in left)
        {
            var other = right[field];
            if (!JsonNode.DeepEquals(value, other))
                differences.Add(new ConfigDifference(field, Text(value), Text(other)));
        }
        return differences;
    }

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
