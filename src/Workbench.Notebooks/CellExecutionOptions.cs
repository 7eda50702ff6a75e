namespace Workbench.Notebooks;

/// <summary>
/// How <see cref="ScriptSession"/> runs one cell. A cancelled or timed-out cell gets <see cref="GracePeriod"/>
/// to notice its token; after that it is abandoned (still running in the background, since .NET cannot
/// abort a thread) and later cells continue from the state before it.
/// </summary>
public sealed record CellExecutionOptions
{
    /// <summary>The default options: no timeout, a 3 s grace period.</summary>
    public static readonly CellExecutionOptions Default = new();

    /// <summary>The longest the cell may run; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether the cell takes the next execution count (false for Jupyter's silent / store_history=false requests).</summary>
    public bool Counted { get; init; } = true;

    /// <summary>How long a cancelled cell may take to stop before it is abandoned.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(3);
}
