namespace Workbench.Selection;

/// <summary>
/// Adapts a function <c>(context, settings) → SelectionResult</c> to <see cref="ISelectionStrategy"/>, so that an idea
/// tried in a notebook cell runs through the loop, the run store and the reports like a built-in. Register it with
/// <see cref="SelectionStrategies.Register(string, Func{SelectionContext, StrategySettings, SelectionResult}, StrategyRole, bool, string[])"/>.
/// </summary>
public sealed class FunctionStrategy : ISelectionStrategy
{
    private readonly Func<SelectionContext, StrategySettings, SelectionResult> _select;

    public FunctionStrategy(string name, Func<SelectionContext, StrategySettings, SelectionResult> select, StrategySettings settings, bool needsEmbeddings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _select = select ?? throw new ArgumentNullException(nameof(select));
        Name = name;
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        NeedsEmbeddings = needsEmbeddings;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool NeedsEmbeddings { get; }

    /// <summary>The settings the function is called with (its budget, threshold ...).</summary>
    public StrategySettings Settings { get; }

    /// <summary>The function (its code is what the run folder's source hash covers).</summary>
    public Delegate Function => _select;

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _select(context, Settings) ?? throw new InvalidOperationException($"Strategy '{Name}' returned no selection (null).");
    }
}
