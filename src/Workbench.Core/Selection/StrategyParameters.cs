using System.Globalization;
using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// Reads the string parameters of one strategy for <see cref="SelectionStrategies.Create(string, IDictionary{string, string})"/>: parses values,
/// remembers which keys were read, and names the offending field (with its prefix) in every error.
/// Keys are case-insensitive.
/// </summary>
internal sealed class StrategyParameters
{
    private readonly string _strategy;
    private readonly string _prefix;
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public StrategyParameters(string strategy, IEnumerable<KeyValuePair<string, string>> values, string prefix = "")
    {
        _strategy = strategy;
        _prefix = prefix;
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            if (key is null) throw new ArgumentException("A parameter name is null.", "parameters");
            if (!_values.TryAdd(key.Trim(), value ?? ""))
                throw new ArgumentException($"Parameter '{prefix}{key}' is given twice (names are case-insensitive).", prefix + key);
        }
    }

    /// <summary>The string-parameter name of each <see cref="StrategySettings"/> field: all a strategy can read.</summary>
    public static IReadOnlyList<string> SettingsKeys { get; } = ["budget", "threshold", "cap", "scorer", "kmeansIterations"];

    /// <summary>Every <see cref="StrategySettings"/> field from the parameters (defaults where absent); the scorer must be registered.</summary>
    public StrategySettings Settings()
    {
        var defaults = new StrategySettings();
        var settings = new StrategySettings(
            Budget: Integer("budget", defaults.Budget),
            Threshold: OptionalNumber("threshold"),
            Cap: OptionalInteger("cap"),
            Scorer: OptionalText("scorer"),
            KMeansIterations: Integer("kmeansIterations", defaults.KMeansIterations),
            Balanced: Boolean("balanced"));
        if (settings.Scorer is { } scorer && !Scorers.Names.Contains(Common.Names.Normalise(scorer)))
            throw Bad("scorer", scorer, "one of " + string.Join(", ", Scorers.Names));
        return settings;
    }

    /// <summary>true or false (case-insensitive); false when absent.</summary>
    public bool Boolean(string key)
    {
        string? raw = Raw(key);
        if (raw is null || raw.Trim().Length == 0) return false;
        return bool.TryParse(raw.Trim(), out bool value) ? value : throw Bad(key, raw, "true or false");
    }

    /// <summary>The text, or null when absent or empty.</summary>
    public string? OptionalText(string key) => Raw(key)?.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>A number, or null when absent.</summary>
    public double? OptionalNumber(string key) => Raw(key) is null ? null : Number(key, double.NaN);

    public double Number(string key, double fallback)
    {
        string? raw = Raw(key);
        if (raw is null) return fallback;
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            return value;
        throw Bad(key, raw, "a number such as 0.97");
    }

    public int Integer(string key, int fallback) => OptionalInteger(key) ?? fallback;

    /// <summary>An integer, or null when absent, empty or "none".</summary>
    public int? OptionalInteger(string key)
    {
        string? raw = Raw(key);
        if (raw is null || raw.Trim().Length == 0 || raw.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            return null;
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            return value;
        throw Bad(key, raw, "a whole number such as 100");
    }

    /// <summary>Throws for any key that no reader asked for (a typo would otherwise be silently ignored).</summary>
    public void RejectUnknown(params string[] validKeys)
    {
        foreach (string key in _values.Keys)
            if (!_read.Contains(key))
                throw new ArgumentException(
                    $"Unknown parameter '{_prefix}{key}' for strategy '{_strategy}'. Valid parameters: "
                    + (validKeys.Length == 0 ? "none" : string.Join(", ", validKeys.Select(k => _prefix + k))) + ".",
                    _prefix + key);
    }

    /// <summary>Runs a constructor, re-throwing its range errors with the full field name and the strategy.</summary>
    public T Construct<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentOutOfRangeException(_prefix + e.ParamName, e.ActualValue,
                $"Invalid parameter '{_prefix}{e.ParamName}' for strategy '{_strategy}': {FirstLine(e.Message)}");
        }
    }

    public ArgumentException Bad(string key, string raw, string expected) =>
        new($"Parameter '{_prefix}{key}' of strategy '{_strategy}' must be {expected}, got '{raw}'.", _prefix + key);

    private string? Raw(string key)
    {
        _read.Add(key);
        return _values.TryGetValue(key, out var value) ? value : null;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
