namespace Workbench.Notebooks;

/// <summary>
/// How <see cref="NotebookRunner"/> runs a notebook. The input file is never overwritten unless
/// <see cref="OutputPath"/> names it explicitly.
/// </summary>
public sealed record RunOptions
{
    /// <summary>Overrides of the defaults in the "parameters" cell: name → value as text (typed from the declaration).</summary>
    public IDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where the executed notebook is written. Null: <c>&lt;name&gt;.executed.ipynb</c> next to the input.
    /// Pass the input path itself to update the notebook in place.
    /// </summary>
    public string? OutputPath { get; init; }

    /// <summary>Where the HTML report is written; null for none.</summary>
    public string? HtmlPath { get; init; }

    /// <summary>The current directory while cells run; null for the notebook's folder. Restored afterwards.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The longest a single cell may run; null for no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>
    /// Whether the executed notebook records when it ran and how long it took (each cell's <c>execution</c> metadata, the
    /// run's <c>executed_at</c> / <c>duration_seconds</c>, shown at the top of the HTML report). Off by default: executed
    /// notebooks are committed and read elsewhere, and a timing belongs to the machine, not to the reader; it would
    /// also change every line of metadata on each execution. The runner's result still carries the duration.
    /// </summary>
    public bool RecordTiming { get; init; }
}
