namespace Workbench.Config;

/// <summary>What a round adds to the labelled pool.</summary>
public enum Recipe
{
    /// <summary>Nothing: only round 0 (train on the initial labels) runs.</summary>
    Baseline,
    /// <summary>Self-training: confident pseudo-labels, unchecked.</summary>
    Ssl,
    /// <summary>Active learning: the oracle labels the queried samples.</summary>
    Al,
    /// <summary>Both on the same predictions (SSL+AL poster).</summary>
    SslAl,
    /// <summary>Confirmed self-training: confident proposals reviewed by the oracle (bone-marrow paper).</summary>
    Cst,
    /// <summary>CST and AL on the same predictions.</summary>
    CstAl,
    /// <summary>
    /// Consistency training (FixMatch): every training also learns from the unlabelled pool (a confident weak view teaches
    /// its strong view), and rounds add nothing; round 0 already trains this way.
    /// </summary>
    FixMatch,
    /// <summary>FixMatch training with the oracle answering AL queries each round.</summary>
    FixMatchAl,
}

/// <summary>Config names of <see cref="Recipe"/>: baseline, ssl, al, ssl+al, cst, cst+al, fixmatch, fixmatch+al.</summary>
public static class Recipes
{
    /// <summary>Valid names, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["baseline", "ssl", "al", "ssl+al", "cst", "cst+al", "fixmatch", "fixmatch+al"];

    /// <summary>The config name of a strategy.</summary>
    public static string ToName(this Recipe strategy) =>
        (uint)strategy < (uint)Names.Count ? Names[(int)strategy] : throw new ArgumentOutOfRangeException(nameof(strategy));

    /// <summary>Parses a name (case-insensitive; "none" = baseline, "-" or "_" may replace "+").</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static Recipe Parse(string name, string paramName = "strategy")
    {
        if (TryParse(name, out var strategy)) return strategy;
        throw new ArgumentException($"Unknown strategy '{name}'. Valid strategies: {string.Join(", ", Names)}.", paramName);
    }

    /// <summary>Parses a name without throwing.</summary>
    public static bool TryParse(string? name, out Recipe strategy)
    {
        strategy = Recipe.Baseline;
        if (name is null) return false;
        string normal = name.Trim().ToLowerInvariant().Replace('_', '+').Replace('-', '+');
        if (normal == "none") return true;
        int index = Names.ToList().IndexOf(normal);
        if (index < 0) return false;
        strategy = (Recipe)index;
        return true;
    }

    /// <summary>True when the strategy proposes pseudo-labels (SSL or CST).</summary>
    public static bool UsesPseudoLabels(this Recipe strategy) =>
        strategy is Recipe.Ssl or Recipe.SslAl or Recipe.Cst or Recipe.CstAl;

    /// <summary>True when the pseudo-labels go through the oracle's review (CST).</summary>
    public static bool UsesCst(this Recipe strategy) => strategy is Recipe.Cst or Recipe.CstAl;

    /// <summary>True when the strategy queries the oracle by active learning.</summary>
    public static bool UsesActiveLearning(this Recipe strategy) =>
        strategy is Recipe.Al or Recipe.SslAl or Recipe.CstAl or Recipe.FixMatchAl;

    /// <summary>True when rounds after round 0 add labels (baseline and fixmatch add none: the run is its round 0).</summary>
    public static bool AddsAfterRoundZero(this Recipe strategy) => strategy.UsesPseudoLabels() || strategy.UsesActiveLearning();

    /// <summary>True when every training also learns from the unlabelled pool (consistency training, FixMatch).</summary>
    public static bool TrainsOnUnlabelled(this Recipe strategy) => strategy is Recipe.FixMatch or Recipe.FixMatchAl;
}
