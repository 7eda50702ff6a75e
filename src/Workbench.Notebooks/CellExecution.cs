namespace Workbench.Notebooks;

/// <summary>
/// What executing one cell through an <see cref="ICellOutputSink"/> produced: its prompt number, when it
/// started, how long it took, and the error (also sent to the sink) when it failed.
/// </summary>
public sealed record CellExecution(int ExecutionCount, DateTimeOffset StartedAt, TimeSpan Duration, ErrorOutput? Error)
{
    /// <summary>True when the cell compiled and ran without an exception.</summary>
    public bool Succeeded => Error is null;
}
