using System.Text.Json.Nodes;

namespace Workbench.Notebooks;

/// <summary>
/// One notebook cell. Metadata and unrecognised fields are kept as JSON so that reading and
/// writing a notebook preserves what other tools stored there.
/// </summary>
public sealed class NotebookCell
{
    /// <summary>The <c>cell_type</c> of code cells.</summary>
    public const string Code = "code";

    /// <summary>The <c>cell_type</c> of markdown cells.</summary>
    public const string Markdown = "markdown";

    /// <summary>The <c>cell_type</c> of raw cells.</summary>
    public const string Raw = "raw";

    /// <summary>Creates a cell of the given type with empty metadata.</summary>
    public NotebookCell(string cellType, string id, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cellType);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(source);
        CellType = cellType;
        Id = id;
        Source = source;
    }

    /// <summary>code, markdown, raw (or a future type, kept as is).</summary>
    public string CellType { get; }

    /// <summary>The nbformat 4.5 cell id, unique within the notebook.</summary>
    public string Id { get; set; }

    /// <summary>The cell text with "\n" line ends.</summary>
    public string Source { get; set; }

    /// <summary>Cell metadata (tags, polyglot_notebook, execution, …).</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>The prompt number of the last run; null when not run (code cells only).</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The outputs of the last run (code cells only).</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>Other top-level fields (e.g. attachments), written back unchanged.</summary>
    public JsonObject ExtraFields { get; } = new();

    /// <summary>True for code cells.</summary>
    public bool IsCode => CellType == Code;

    /// <summary>The cell's <c>metadata.tags</c>.</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>() ?? "").ToArray() : [];

    /// <summary>Whether <c>metadata.tags</c> contains <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag);

    /// <summary>Adds a tag unless present.</summary>
    public void AddTag(string tag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        if (tag.Contains(',')) throw new ArgumentException($"tag '{tag}' must not contain a comma", nameof(tag));
        if (HasTag(tag)) return;
        if (Metadata["tags"] is not JsonArray tags)
        {
            tags = [];
            Metadata["tags"] = tags;
        }
        tags.Add(tag);
    }

    /// <summary>Removes outputs, execution count and execution timings, as before a fresh run.</summary>
    public void ClearOutputs()
    {
        Outputs.Clear();
        ExecutionCount = null;
        Metadata.Remove("execution");
    }
}
