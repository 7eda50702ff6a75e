using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// The strategy registry. Every strategy -- the built-ins below and a researcher's own, from a notebook cell or a
/// library -- is a <see cref="StrategyRegistration"/> here, and is built by name with either typed
/// <see cref="StrategySettings"/> (the loop, from a config) or string parameters (command lines, notebook
/// parameters). Parameter names are case-insensitive. Built-ins:
/// <list type="bullet">
/// <item>pseudo-label (proposal): threshold (0.97), scorer (confidence)</item>
/// <item>cst (proposal): threshold (0.99)</item>
/// <item>cluster-margin (query): budget (100), kmeansIterations (50), scorer (margin)</item>
/// <item>margin-threshold (query): threshold (0.2), cap (none), scorer (margin)</item>
/// <item>top-k (query): scorer (margin), budget (100)</item>
/// <item>core-set (query): budget (100)</item>
/// <item>random (query): budget (100)</item>
/// <item>typiclust (query): budget (100), kmeansIterations (50)</item>
/// <item>badge (query): budget (100)</item>
/// <item>bald (query): budget (100); MC-dropout, 20 passes, needs an architecture with dropout (cnn4-dropout, senet8)</item>
/// </list>
/// Any query strategy can be made class-balanced (<see cref="StrategySettings.Balanced"/>, string parameter "balanced"):
/// the factory then wraps it in a <see cref="BalancedQuerySelection"/>.
/// </summary>
public static class SelectionStrategies
{
    private static readonly object Gate = new();
    private static readonly List<StrategyRegistration> Registrations = [];

    static SelectionStrategies()
    {
        IScorer Scorer(StrategySettings s, string fallback) => Scorers.ByName(s.Scorer ?? fallback);
        StrategyRegistration BuiltIn(string name, StrategyRole role, Func<StrategySettings, ISelectionStrategy> create, params string[] parameters) =>
            new(name, role, parameters, create, BuiltIn: true);
        foreach (var registration in new[]
                 {
                     BuiltIn("pseudo-label", StrategyRole.Proposal, s => new PseudoLabelSelection(s.Threshold ?? 0.97, Scorer(s, "confidence")), "threshold", "scorer"),
                     BuiltIn("cst", StrategyRole.Proposal, s => new CstCandidateSelection(s.Threshold ?? 0.99), "threshold"),
                     BuiltIn("cluster-margin", StrategyRole.Query, s => new ClusterMarginSelection(s.Budget, s.KMeansIterations, Scorer(s, "margin")),
                         "budget", "kmeansIterations", "scorer"),
                     BuiltIn("margin-threshold", StrategyRole.Query, s => new MarginThresholdSelection(s.Threshold ?? 0.2, s.Cap, Scorer(s, "margin")),
                         "threshold", "cap", "scorer"),
                     BuiltIn("top-k", StrategyRole.Query, s => new TopKUncertaintySelection(Scorer(s, "margin"), s.Budget), "scorer", "budget"),
                     BuiltIn("core-set", StrategyRole.Query, s => new CoreSetSelection(s.Budget), "budget"),
                     BuiltIn("random", StrategyRole.Query, s => new RandomSelection(s.Budget), "budget"),
                     BuiltIn("typiclust", StrategyRole.Query, s => new TypiClustSelection(s.Budget, s.KMeansIterations), "budget", "kmeansIterations"),
                     BuiltIn("badge", StrategyRole.Query, s => new BadgeSelection(s.Budget), "budget"),
                     BuiltIn("bald", StrategyRole.Query, s => new BaldSelection(s.Budget), "budget"),
                 })
            Register(registration);
    }

    /// <summary>Every registration, built-ins first, then in the order they were registered.</summary>
    public static IReadOnlyList<StrategyRegistration> All
    {
        get { lock (Gate) return [.. Registrations]; }
    }

    /// <summary>Every registered strategy name.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(r => r.Name)];

    /// <summary>Names of the strategies that query the oracle (active learning): the values the config's activeLearning takes.</summary>
    public static IReadOnlyList<string> QueryNames => [.. All.Where(r => r.IsQuery).Select(r => r.Name)];

    /// <summary>Names of the strategies that propose labels (pseudo-labels, CST candidates).</summary>
    public static IReadOnlyList<string> ProposalNames => [.. All.Where(r => !r.IsQuery).Select(r => r.Name)];

    /// <summary>The name in canonical form (trimmed, lower case, '_' = '-').</summary>
    public static string Normalise(string name) => Common.Names.Normalise(name);

    /// <summary>True when <paramref name="name"/> is a registered active-learning (query) strategy.</summary>
    public static bool IsQueryStrategy(string? name) => name is not null && Find(name) is { IsQuery: true };

    /// <summary>The registration of <paramref name="name"/>, or null when nothing is registered under it.</summary>
    public static StrategyRegistration? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string wanted = Normalise(name);
        lock (Gate) return Registrations.Find(r => r.Name == wanted);
    }

    /// <summary>The registration of <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown strategy; the message lists the registered ones.</exception>
    public static StrategyRegistration Get(string name) => Find(name) ?? throw Unknown(name, nameof(name));

    /// <summary>
    /// Registers a strategy. A name already registered by a researcher is replaced (re-running the notebook cell that
    /// defines it must work); a built-in name is refused. A run resumed after the strategy's code changed is refused by
    /// the run folder's source hash, not here.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or a built-in's, or a parameter is not a <see cref="StrategySettings"/> field.</exception>
    public static StrategyRegistration Register(StrategyRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.Name, nameof(registration));
        ArgumentNullException.ThrowIfNull(registration.Create, nameof(registration));
        string name = Normalise(registration.Name);
        var unknown = registration.Parameters.Where(p => !StrategyParameters.SettingsKeys.Contains(p, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Strategy '{name}' declares parameter(s) {string.Join(", ", unknown)}; a strategy reads only "
                + string.Join(", ", StrategyParameters.SettingsKeys) + " (the fields of StrategySettings).", nameof(registration));
        var entry = registration with { Name = name };
        lock (Gate)
        {
            int existing = Registrations.FindIndex(r => r.Name == name);
            if (existing >= 0 && Registrations[existing].BuiltIn)
                throw new ArgumentException($"'{name}' is a built-in {Registrations[existing].Role.ToString().ToLowerInvariant()} strategy and cannot be "
                    + "registered again; choose another name for your strategy.", nameof(registration));
            if (existing >= 0) Registrations[existing] = entry;
            else Registrations.Add(entry);
        }
        return entry;
    }

    /// <summary>Registers a strategy class, built from typed settings (e.g. <c>s =&gt; new MyStrategy(s.Budget)</c>).</summary>
    /// <inheritdoc cref="Register(StrategyRegistration)"/>
    public static StrategyRegistration Register(string name, StrategyRole role, Func<StrategySettings, ISelectionStrategy> create, params string[] parameters) =>
        Register(new StrategyRegistration(name, role, parameters.Length == 0 ? ["budget"] : parameters, create));

    /// <summary>
    /// Registers a function over the <see cref="SelectionContext"/> as a strategy (a <see cref="FunctionStrategy"/>); it
    /// gets the settings built from the config or parameters (budget by default).
    /// </summary>
    /// <inheritdoc cref="Register(StrategyRegistration)"/>
    public static StrategyRegistration Register(string name, Func<SelectionContext, StrategySettings, SelectionResult> select,
        StrategyRole role = StrategyRole.Query, bool needsEmbeddings = false, params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(select);
        string canonical = Normalise(name);
        return Register(canonical, role, s => new FunctionStrategy(canonical, select, s, needsEmbeddings), parameters);
    }

    /// <summary>The parameters strategy <paramref name="name"/> reads.</summary>
    /// <exception cref="ArgumentException">Unknown strategy.</exception>
    public static IReadOnlyList<string> ParametersOf(string name) => Get(name).Parameters;

    /// <summary>
    /// Creates strategy <paramref name="name"/> from typed settings; with <see cref="StrategySettings.Balanced"/>, wrapped in a
    /// <see cref="BalancedQuerySelection"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown strategy or scorer, a scorer the strategy cannot use, or balanced for a
    /// strategy that proposes labels.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range; names the field.</exception>
    public static ISelectionStrategy Create(string name, StrategySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var registration = Get(name);
        if (settings.Balanced && !registration.IsQuery)
            throw new ArgumentException($"'{registration.Name}' proposes labels; only a query strategy can be class-balanced.", "balanced");
        var strategy = (settings.Balanced ? new BalancedQuerySelection(registration, settings) : registration.Create(settings))
            ?? throw new InvalidOperationException($"The registration of strategy '{registration.Name}' built nothing (null).");
        // The name a strategy reports is the one its runs record and resume by: it must be the registered one.
        if (Normalise(strategy.Name) != registration.Name)
            throw new InvalidOperationException(
                $"Strategy registered as '{registration.Name}' calls itself '{strategy.Name}'; its Name must be the registered name.");
        return strategy;
    }

    /// <summary>Creates strategy <paramref name="name"/> from string parameters (see the class summary).</summary>
    /// <exception cref="ArgumentException">Unknown strategy or parameter, or a value that does not parse; names the field.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range; names the field.</exception>
    public static ISelectionStrategy Create(string name, IDictionary<string, string>? parameters = null)
    {
        var keys = ParametersOf(name);
        var read = new StrategyParameters(Normalise(name), parameters ?? new Dictionary<string, string>());
        var settings = read.Settings();
        read.RejectUnknown([.. keys]);
        return read.Construct(() => Create(name, settings));
    }

    private static ArgumentException Unknown(string name, string field) =>
        new($"Unknown selection strategy '{name}'. Valid strategies: {string.Join(", ", Names)}.", field);
}
