namespace Workbench.Scoring;

/// <summary>
/// The registry of uncertainty measures: the built-ins, and any <see cref="IScorer"/> a notebook or library
/// registers, which every strategy that takes a scorer parameter (top-k, cluster-margin, margin-threshold,
/// pseudo-label) and the config's topKScorer then accept by name.
/// </summary>
public static class Scorers
{
    private static readonly object Gate = new();
    private static readonly IReadOnlyList<IScorer> BuiltIns =
        [new ConfidenceScorer(), new MarginScorer(), new EntropyScorer(), new LeastConfidenceScorer()];
    private static readonly List<IScorer> Registered = [.. BuiltIns];

    /// <summary>Every registered scorer: the built-ins in a fixed order, then the researcher's own.</summary>
    public static IReadOnlyList<IScorer> All
    {
        get { lock (Gate) return [.. Registered]; }
    }

    /// <summary>Names accepted by <see cref="ByName"/>.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(s => Normalise(s.Name))];

    /// <summary>
    /// Registers <paramref name="scorer"/> under its <see cref="IScorer.Name"/>; a researcher's scorer of the same name is
    /// replaced (re-running a notebook cell), a built-in's name is refused.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or a built-in's.</exception>
    public static IScorer Register(IScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentException.ThrowIfNullOrWhiteSpace(scorer.Name, nameof(scorer));
        string name = Normalise(scorer.Name);
        if (BuiltIns.Any(b => Normalise(b.Name) == name))
            throw new ArgumentException($"'{name}' is a built-in scorer and cannot be registered again; choose another name for your scorer.", nameof(scorer));
        lock (Gate)
        {
            int existing = Registered.FindIndex(s => Normalise(s.Name) == name);
            if (existing >= 0) Registered[existing] = scorer;
            else Registered.Add(scorer);
        }
        return scorer;
    }

    /// <summary>
    /// The scorer called <paramref name="name"/> (case-insensitive; '_' and '-' are interchangeable).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static IScorer ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string wanted = Normalise(name);
        foreach (var scorer in All)
            if (Normalise(scorer.Name) == wanted) return scorer;
        throw new ArgumentException(
            $"Unknown scorer '{name}'. Valid scorers: {string.Join(", ", Names)}.", nameof(name));
    }

    private static string Normalise(string name) => Common.Names.Normalise(name);
}
