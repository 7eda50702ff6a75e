// Selection layer: the one factory that builds every strategy from its name (configs, CLI, notebooks, the loop).
using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// Builds strategies from a name and either typed <see cref="StrategySettings"/> (the loop, from a config) or string
/// parameters (command lines, notebook parameters). Parameter names are case-insensitive:
/// <list type="bullet">
/// <item>pseudo-label: threshold (0.97), scorer (confidence)</item>
/// <item>cst: threshold (0.99)</item>
/// <item>cluster-margin: budget (100), kmeansIterations (50), scorer (margin)</item>
/// <item>margin-threshold: threshold (0.2), cap (none), scorer (margin)</item>
/// <item>top-k: scorer (margin), budget (100)</item>
/// <item>core-set: budget (100)</item>
/// <item>random: budget (100)</item>
/// </list>
/// </summary>
public static class SelectionStrategies
{
    private static readonly Dictionary<string, string[]> Parameters = new()
    {
        ["pseudo-label"] = ["threshold", "scorer"],
        ["cst"] = ["threshold"],
        ["cluster-margin"] = ["budget", "kmeansIterations", "scorer"],
        ["margin-threshold"] = ["threshold", "cap", "scorer"],
        ["top-k"] = ["scorer", "budget"],
        ["core-set"] = ["budget"],
        ["random"] = ["budget"],
    };

    /// <summary>Strategy names accepted by <see cref="Create(string, StrategySettings)"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Parameters.Keys];

    /// <summary>Names of the strategies that query the oracle (active learning), as opposed to proposing labels.</summary>
    public static IReadOnlyList<string> QueryNames { get; } = ["cluster-margin", "margin-threshold", "top-k", "core-set", "random"];

    /// <summary>The name in canonical form (trimmed, lower case, '_' = '-').</summary>
    public static string Normalise(string name) => Common.Names.Normalise(name);

    /// <summary>True when <paramref name="name"/> is an active-learning (query) strategy.</summary>
    public static bool IsQueryStrategy(string? name) => name is not null && QueryNames.Contains(Normalise(name));

    /// <summary>The parameters strategy <paramref name="name"/> reads.</summary>
    /// <exception cref="ArgumentException">Unknown strategy.</exception>
    public static IReadOnlyList<string> ParametersOf(string name) =>
        Parameters.TryGetValue(Normalise(name), out var keys) ? keys : throw Unknown(name, nameof(name));

    /// <summary>Creates strategy <paramref name="name"/> from typed settings.</summary>
    /// <exception cref="ArgumentException">Unknown strategy or scorer, or a scorer the strategy cannot use.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range; names the field.</exception>
    public static ISelectionStrategy Create(string name, StrategySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IScorer Scorer(string fallback) => Scorers.ByName(settings.Scorer ?? fallback);
        return Normalise(name) switch
        {
            "pseudo-label" => new PseudoLabelSelection(settings.Threshold ?? 0.97, Scorer("confidence")),
            "cst" => new CstCandidateSelection(settings.Threshold ?? 0.99),
            "cluster-margin" => new ClusterMarginSelection(settings.Budget, settings.KMeansIterations, Scorer("margin")),
            "margin-threshold" => new MarginThresholdSelection(settings.Threshold ?? 0.2, settings.Cap, Scorer("margin")),
            "top-k" => new TopKUncertaintySelection(Scorer("margin"), settings.Budget),
            "core-set" => new CoreSetSelection(settings.Budget),
            "random" => new RandomSelection(settings.Budget),
            _ => throw Unknown(name, nameof(name)),
        };
    }

    /// <summary>Creates strategy <paramref name="name"/> from string parameters (see the class summary).</summary>
    /// <exception cref="ArgumentException">Unknown strategy or parameter, or a value that does not parse; names the field.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range; names the field.</exception>
    public static ISelectionStrategy Create(string name, IDictionary<string, string>? parameters = null)
    {
        var keys = ParametersOf(name);
        var read = new StrategyParameters(Normalise(name), parameters ?? new Dictionary<string, string>());
        var defaults = new StrategySettings();
        var settings = new StrategySettings(
            Budget: read.Integer("budget", defaults.Budget),
            Threshold: read.OptionalNumber("threshold"),
            Cap: read.OptionalInteger("cap"),
            Scorer: read.OptionalText("scorer"),
            KMeansIterations: read.Integer("kmeansIterations", defaults.KMeansIterations));
        read.RejectUnknown([.. keys]);
        if (settings.Scorer is { } scorer && !Scorers.Names.Contains(Normalise(scorer)))
            throw read.Bad("scorer", scorer, "one of " + string.Join(", ", Scorers.Names));
        return read.Construct(() => Create(name, settings));
    }

    private static ArgumentException Unknown(string name, string field) =>
        new($"Unknown selection strategy '{name}'. Valid strategies: {string.Join(", ", Names)}.", field);
}
