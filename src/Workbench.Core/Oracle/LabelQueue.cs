using System.Text.Json;
using Workbench.Config;

namespace Workbench.Oracle;

/// <summary>What a person is asked about a queue item.</summary>
public enum QueueItemKind
{
    /// <summary>An active-learning query: the person gives the class.</summary>
    Query,

    /// <summary>A CST proposal: the person confirms the model's class, corrects it, or cannot tell.</summary>
    Proposal,
}

/// <summary>One of the model's most likely classes for an image.</summary>
public sealed record ClassProbability(int Label, double Probability);

/// <summary>
/// One question of a round. <see cref="QueueId"/> (0..n-1) is how the labelling page and every answer name it; the image
/// path stays on the server side and is never taken from a client.
/// </summary>
/// <param name="QueueId">Position in the queue, the item's key.</param>
/// <param name="SampleId">The data set's sample id.</param>
/// <param name="Kind">Query or proposal.</param>
/// <param name="ProposedLabel">The model's class for a proposal; null for a query.</param>
/// <param name="Score">The score that got it chosen (AL measure, or the proposal's confidence).</param>
/// <param name="Top">The model's three most likely classes, most likely first.</param>
/// <param name="Image">Absolute path of the image file; null when the data has no files (synthetic data).</param>
public sealed record QueueItem(int QueueId, int SampleId, QueueItemKind Kind, int? ProposedLabel, double Score,
    IReadOnlyList<ClassProbability> Top, string? Image);

/// <summary>A few labelled images of one class, shown beside a question for comparison.</summary>
public sealed record ClassExamples(int Label, IReadOnlyList<string> Images);

/// <summary>
/// The questions of one round (queue.json in the round's label folder): class names, items, and labelled examples per
/// class. Written once when the round starts waiting; the answers go to the journal beside it.
/// </summary>
public sealed record LabelQueue(int Round, IReadOnlyList<string> ClassNames, IReadOnlyList<QueueItem> Items, IReadOnlyList<ClassExamples> Examples)
{
    /// <summary>Throws unless ids are 0..n-1 in order, samples unique, labels in range, proposals carry a proposed label.</summary>
    public LabelQueue Validated()
    {
        if (ClassNames.Count < 2) throw new InvalidDataException($"A label queue needs at least 2 classes, has {ClassNames.Count}.");
        var samples = new HashSet<int>();
        for (int k = 0; k < Items.Count; k++)
        {
            var item = Items[k];
            if (item.QueueId != k) throw new InvalidDataException($"Queue item at position {k} has id {item.QueueId}; ids must be 0..n-1 in order.");
            if (!samples.Add(item.SampleId)) throw new InvalidDataException($"Sample {item.SampleId} is in the queue twice.");
            if ((item.Kind == QueueItemKind.Proposal) != (item.ProposedLabel is not null))
                throw new InvalidDataException($"Queue item {k}: a proposal needs a proposed label and a query must not have one.");
            if (item.ProposedLabel is int p && (uint)p >= (uint)ClassNames.Count)
                throw new InvalidDataException($"Queue item {k} proposes class {p}, outside 0..{ClassNames.Count - 1}.");
            if (item.Top.Any(t => (uint)t.Label >= (uint)ClassNames.Count))
                throw new InvalidDataException($"Queue item {k} has a top class outside 0..{ClassNames.Count - 1}.");
        }
        return this;
    }

    /// <summary>Indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, StoredJson.Indented);

    /// <summary>Parses and validates queue.json.</summary>
    /// <exception cref="InvalidDataException">Not a label queue; names the source and the problem.</exception>
    public static LabelQueue FromJson(string json, string source)
    {
        try
        {
            return (JsonSerializer.Deserialize<LabelQueue>(json, StoredJson.Indented)
                ?? throw new InvalidDataException("it holds null")).Validated();
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"'{source}' is not a readable label queue: {e.Message}", e);
        }
    }
}
