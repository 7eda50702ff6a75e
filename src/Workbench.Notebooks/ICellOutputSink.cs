namespace Workbench.Notebooks;

/// <summary>
/// Receives the outputs of one running cell in the order they happen. <see cref="ScriptSession"/> is the
/// only C# evaluation path; the headless runner passes a collecting sink and the Jupyter kernel a
/// streaming one, so one notebook produces the same outputs in both. Implementations must be
/// thread-safe: cell code may write from background tasks.
/// </summary>
public interface ICellOutputSink
{
    /// <summary>Text written to <see cref="StreamOutput.StdOut"/> or <see cref="StreamOutput.StdErr"/>; may be called per character.</summary>
    void WriteStream(string name, string text);

    /// <summary>A display_data, execute_result or error output. <paramref name="displayId"/> names a display that may be updated later.</summary>
    void Add(CellOutput output, string? displayId = null);

    /// <summary>
    /// Replaces the data of the display named <paramref name="displayId"/>. Returns false when this sink can no
    /// longer take it (its cell has finished), so the caller can offer it to the sink of the cell now running.
    /// </summary>
    bool TryUpdateDisplay(string displayId, IReadOnlyDictionary<string, string> data);

    /// <summary>Asks the person for a line of text (<c>input()</c>); throws InvalidOperationException where nobody can answer.</summary>
    string ReadInput(string prompt, bool password);
}
