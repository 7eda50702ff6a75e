using Workbench.Selection;

namespace Workbench.Runs;

/// <summary>
/// One strategy of a run as strategies.json records it: its role, registered name and <see cref="StrategySource"/>
/// hash. A run resumes only with the same code behind each name.
/// </summary>
public sealed record StrategyRecord(StrategyRole Role, string Name, string SourceHash)
{
    /// <summary>The record of <paramref name="strategy"/> in <paramref name="role"/>.</summary>
    public static StrategyRecord Of(StrategyRole role, ISelectionStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new StrategyRecord(role, strategy.Name, StrategySource.Hash(strategy));
    }
}
