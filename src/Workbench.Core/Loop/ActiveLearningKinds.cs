using Workbench.Scoring;
using Workbench.Selection;

namespace Workbench.Loop;

/// <summary>The active-learning strategies a config can name, and how each is built from the config.</summary>
public static class ActiveLearningKinds
{
    /// <summary>Valid values of <see cref="ExperimentConfig.ActiveLearning"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cluster-margin", "margin-threshold", "top-k", "core-set", "random"];

    /// <summary>True when <paramref name="name"/> is one of <see cref="Names"/> (case-insensitive, '_' = '-').</summary>
    public static bool IsValid(string? name) => name is not null && Names.Contains(Normalise(name));

    /// <summary>The strategy the config asks for.</summary>
    /// <exception cref="ArgumentException">Unknown kind; names the field and lists the valid ones.</exception>
    public static ISelectionStrategy Create(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Normalise(config.ActiveLearning) switch
        {
            "cluster-margin" => new ClusterMarginSelection(config.Budget),
            "margin-threshold" => new MarginThresholdSelection(config.MarginThreshold, config.MarginCap),
            "top-k" => new TopKUncertaintySelection(Scorers.ByName(config.TopKScorer), config.Budget),
            "core-set" => new CoreSetSelection(config.Budget),
            "random" => new RandomSelection(config.Budget),
            _ => throw new ArgumentException(
                $"Unknown active-learning strategy '{config.ActiveLearning}'. Valid: {string.Join(", ", Names)}.", "activeLearning"),
        };
    }

    /// <summary>True when the strategy needs penultimate-layer embeddings of the pool.</summary>
    public static bool NeedsEmbeddings(string name) => Normalise(name) is "cluster-margin" or "core-set";

    private static string Normalise(string name) => name.Trim().Replace('_', '-').ToLowerInvariant();
}
