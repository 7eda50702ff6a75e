// Scoring layer: lookup of the built-in uncertainty measures by name.
using Workbench.Common;
using Workbench.Engine;
namespace Workbench.Scoring;

/// <summary>Lookup of the built-in uncertainty measures by name.</summary>
public static class Scorers
{
    /// <summary>Every built-in scorer, in a fixed order.</summary>
    public static IReadOnlyList<IScorer> All { get; } =
        [new ConfidenceScorer(), new MarginScorer(), new EntropyScorer(), new LeastConfidenceScorer()];

    /// <summary>Names accepted by <see cref="ByName"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();

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
