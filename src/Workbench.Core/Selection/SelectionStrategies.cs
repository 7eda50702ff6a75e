using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// Builds strategies from a name and string parameters (configs, command lines, notebook parameters).
/// Parameter names are the constructor parameter names, case-insensitive:
/// <list type="bullet">
/// <item>pseudo-label: threshold (0.97)</item>
/// <item>cst: threshold (0.99)</item>
/// <item>cluster-margin: budget (100), kmeansIterations (50)</item>
/// <item>margin-threshold: threshold (0.2), cap (none)</item>
/// <item>top-k: scorer (margin), budget (100)</item>
/// <item>core-set: budget (100); the labelled embeddings are added later with <see cref="CoreSetSelection.WithLabelledEmbeddings"/></item>
/// <item>random: budget (100)</item>
/// <item>combined: pseudo (pseudo-label), al (cluster-margin), and the sides' own parameters prefixed
/// "pseudo." and "al.", e.g. pseudo.threshold=0.9, al.budget=50</item>
/// </list>
/// </summary>
public static class SelectionStrategies
{
    /// <summary>Strategy names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["pseudo-label", "cst", "cluster-margin", "margin-threshold", "top-k", "core-set", "random", "combined"];

    /// <summary>Creates the strategy called <paramref name="name"/> (case-insensitive, '_' = '-').</summary>
    /// <exception cref="ArgumentException">Unknown strategy or parameter, or a value that does not parse; names the field.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range; names the field.</exception>
    public static ISelectionStrategy Create(string name, IDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Build(name, new StrategyParameters(Normalise(name), parameters ?? new Dictionary<string, string>()), nameof(name));
    }

    private static ISelectionStrategy Build(string name, StrategyParameters read, string nameField)
    {
        switch (Normalise(name))
        {
            case "pseudo-label":
            {
                double threshold = read.Number("threshold", 0.97);
                read.RejectUnknown("threshold");
                return read.Construct(() => new PseudoLabelSelection(threshold));
            }
            case "cst":
            {
                double threshold = read.Number("threshold", 0.99);
                read.RejectUnknown("threshold");
                return read.Construct(() => new CstCandidateSelection(threshold));
            }
            case "cluster-margin":
            {
                int budget = read.Integer("budget", 100);
                int iterations = read.Integer("kmeansIterations", 50);
                read.RejectUnknown("budget", "kmeansIterations");
                return read.Construct(() => new ClusterMarginSelection(budget, iterations));
            }
            case "margin-threshold":
            {
                double threshold = read.Number("threshold", 0.2);
                int? cap = read.OptionalInteger("cap");
                read.RejectUnknown("threshold", "cap");
                return read.Construct(() => new MarginThresholdSelection(threshold, cap));
            }
            case "top-k":
            {
                string scorerName = read.Text("scorer", "margin");
                int budget = read.Integer("budget", 100);
                read.RejectUnknown("scorer", "budget");
                IScorer scorer;
                try { scorer = Scorers.ByName(scorerName); }
                catch (ArgumentException) { throw read.Bad("scorer", scorerName, "one of " + string.Join(", ", Scorers.Names)); }
                return read.Construct(() => new TopKUncertaintySelection(scorer, budget));
            }
            case "core-set":
            {
                int budget = read.Integer("budget", 100);
                read.RejectUnknown("budget");
                return read.Construct(() => new CoreSetSelection(budget));
            }
            case "random":
            {
                int budget = read.Integer("budget", 100);
                read.RejectUnknown("budget");
                return read.Construct(() => new RandomSelection(budget));
            }
            case "combined":
            {
                string pseudoName = read.Text("pseudo", "pseudo-label");
                string activeName = read.Text("al", "cluster-margin");
                var pseudo = Build(pseudoName, read.Nested(Normalise(pseudoName), "pseudo."), "pseudo");
                var active = Build(activeName, read.Nested(Normalise(activeName), "al."), "al");
                read.RejectUnknown("pseudo", "al", "pseudo.*", "al.*");
                if (pseudo is not (PseudoLabelSelection or CstCandidateSelection))
                    throw new ArgumentException(
                        $"Parameter 'pseudo' of strategy 'combined' must be pseudo-label or cst, got '{pseudoName}'.", "pseudo");
                if (active is CombinedSelection or PseudoLabelSelection or CstCandidateSelection)
                    throw new ArgumentException(
                        $"Parameter 'al' of strategy 'combined' must be an active-learning strategy, got '{activeName}'.", "al");
                return new CombinedSelection(pseudo, active);
            }
            default:
                throw new ArgumentException(
                    $"Unknown selection strategy '{name}'. Valid strategies: {string.Join(", ", Names)}.", nameField);
        }
    }

    private static string Normalise(string name) => name.Trim().Replace('_', '-').ToLowerInvariant();
}
