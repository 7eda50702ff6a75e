namespace Workbench.Notebooks;

/// <summary>
/// What executing one cell produced: its prompt number, outputs in order (the error output last
/// when it failed), when it started and how long it took.
/// </summary>
public sealed record CellResult(int ExecutionCount, IReadOnlyList<CellOutput> Outputs, DateTimeOffset StartedAt,
    TimeSpan Duration, ErrorOutput? Error)
{
    /// <summary>True when the cell compiled and ran without an exception.</summary>
    public bool Succeeded => Error is null;
}
