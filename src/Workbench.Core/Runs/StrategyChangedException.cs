using Workbench.Selection;

namespace Workbench.Runs;

/// <summary>
/// The run folder records a strategy whose code has changed since (another <see cref="StrategySource"/> hash), so
/// resuming would mix two strategies in one learning curve. The message is one line and names the strategy.
/// </summary>
public sealed class StrategyChangedException : InvalidOperationException
{
    public StrategyChangedException(string directory, StrategyRecord stored, StrategyRecord current)
        : base($"The run in '{directory}' cannot be resumed: the code of its {stored.Role.ToString().ToLowerInvariant()} strategy "
            + $"'{stored.Name}' has changed since the run started (source hash {StrategySource.Short(stored.SourceHash)}, now "
            + $"{StrategySource.Short(current.SourceHash)}); use another run folder, or restore the strategy's code.")
    {
        Directory = directory;
        Stored = stored;
        Current = current;
    }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>What the run folder records.</summary>
    public StrategyRecord Stored { get; }

    /// <summary>The strategy the run was resumed with.</summary>
    public StrategyRecord Current { get; }
}
