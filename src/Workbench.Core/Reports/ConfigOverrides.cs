using Workbench.Config;

namespace Workbench.Reports;

/// <summary>
/// Notebook parameters laid over a preset config: a value of 0 keeps the preset's own value, so the same notebook runs
/// the quick profile, the full profile, or a tiny smoke test (e.g. MaxSteps 20, Rounds 1, PoolPerRound 300).
/// </summary>
public sealed record ConfigOverrides
{
    /// <summary>SGD steps per training; 0 = the preset's (quick: 400, full: none).</summary>
    public int MaxSteps { get; init; }

    /// <summary>Rounds after round 0; 0 = the preset's. Never applied to a baseline config (it has no rounds).</summary>
    public int Rounds { get; init; }

    /// <summary>Unlabelled samples scored per round; 0 = the preset's.</summary>
    public int PoolPerRound { get; init; }

    /// <summary>Active-learning budget per round; 0 = the preset's.</summary>
    public int Budget { get; init; }

    /// <summary>Confidence a pseudo-label (or CST proposal) must exceed; 0 = the preset's.</summary>
    public double PseudoLabelThreshold { get; init; }

    /// <summary>The config with the non-zero overrides applied.</summary>
    /// <exception cref="ArgumentException">An override is negative, or the config it makes is invalid (names the field).</exception>
    public ExperimentConfig Apply(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Check(MaxSteps, nameof(MaxSteps));
        Check(Rounds, nameof(Rounds));
        Check(PoolPerRound, nameof(PoolPerRound));
        Check(Budget, nameof(Budget));
        if (!(PseudoLabelThreshold >= 0 && PseudoLabelThreshold < 1))
            throw new ArgumentException($"{nameof(PseudoLabelThreshold)} must be 0 (keep the preset's) or in (0, 1), got {PseudoLabelThreshold}", nameof(PseudoLabelThreshold));
        return (config with
        {
            MaxSteps = MaxSteps > 0 ? MaxSteps : config.MaxSteps,
            Rounds = Rounds > 0 && config.Rounds > 0 ? Rounds : config.Rounds,
            PoolPerRound = PoolPerRound > 0 ? PoolPerRound : config.PoolPerRound,
            Budget = Budget > 0 ? Budget : config.Budget,
            PseudoLabelThreshold = PseudoLabelThreshold > 0 ? PseudoLabelThreshold : config.PseudoLabelThreshold,
        }).Validate();
    }

    /// <summary>A comma-separated list of numbers ("0.5, 0.9") as doubles (invariant culture).</summary>
    /// <exception cref="ArgumentException">An item is not a number, or the list is empty.</exception>
    public static IReadOnlyList<double> ParseList(string text, string paramName = "text")
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0) throw new ArgumentException($"'{text}' holds no numbers; give e.g. \"0.5,0.9\"", paramName);
        return items.Select(item => double.TryParse(item, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v)
            ? v : throw new ArgumentException($"'{item}' in '{text}' is not a number", paramName)).ToArray();
    }

    private static void Check(int value, string name)
    {
        if (value < 0) throw new ArgumentException($"{name} must be 0 (keep the preset's) or positive, got {value}", name);
    }
}
