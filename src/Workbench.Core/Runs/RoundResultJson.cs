using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Config;
using Workbench.Loop;
using Workbench.Metrics;

namespace Workbench.Runs;

/// <summary>
/// Reads and writes a <see cref="RoundResult"/>. Run folders made before the round record was nested hold one flat
/// object with 24 fields ("accuracy", "confusion", "trainSeconds", ...); they are recognised by their top-level
/// "accuracy" field and converted, so old runs open, report and resume unchanged.
/// </summary>
public static class RoundResultJson
{
    /// <summary>Indented JSON of the nested record.</summary>
    public static string Write(RoundResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result, StoredJson.Indented);
    }

    /// <summary>Reads either layout.</summary>
    /// <exception cref="InvalidDataException">Not a round record; the message names the field that is missing or wrong.</exception>
    public static RoundResult Read(string json, string source = "round file")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var node = JsonNode.Parse(json) as JsonObject
                ?? throw new InvalidDataException($"'{source}' holds no JSON object.");
            var result = node.ContainsKey("accuracy") ? FromFlat(node) : node.Deserialize<RoundResult>(StoredJson.Indented);
            return result ?? throw new InvalidDataException($"'{source}' holds no round result.");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"'{source}' is not a readable round record: {e.Message}", e);
        }
    }

    private static RoundResult FromFlat(JsonObject flat)
    {
        T Get<T>(string field) => flat.TryGetPropertyValue(field, out var value)
            ? (value is null ? default! : value.Deserialize<T>(StoredJson.Indented)!)
            : throw new KeyNotFoundException($"field '{field}' is missing");
        var perClass = Get<ClassMetrics[]>("perClass");
        var confusion = ConfusionMatrixJsonConverter.FromRows(Get<int[][]>("confusion"));
        var test = new ClassificationReport(perClass.Select(c => c.Name).ToArray(), confusion,
            Get<double>("accuracy"), Get<double>("macroF1"), perClass);
        var labelled = new LabelledSummary(Get<ProvenanceCounts>("labelled"), Get<ProvenanceCounts>("added"),
            Get<double?>("pseudoLabelPrecision"), Get<int[]>("wrongPseudoLabelsByClass"),
            Get<int>("cstConfirmed"), Get<int>("cstCorrected"), Get<int>("cstRejected"));
        var training = new TrainingSummary(Get<int>("trainingSetSize"), Get<int[]>("trainingSetByClass"),
            Get<float[]>("classWeights"), Get<int>("trainingSteps"), Get<double>("finalLoss"));
        // The flat layout timed selection and the oracle together under "selectSeconds".
        var seconds = new RoundTimings(Get<double>("trainSeconds"), Get<double>("scoreSeconds"), Get<double>("selectSeconds"), 0,
            Get<double>("evaluateSeconds"), Get<double>("totalSeconds"));
        return new RoundResult(Get<int>("round"), test, labelled, training,
            new PoolSummary(Get<int>("poolSize"), Get<int>("candidates")), seconds);
    }
}
