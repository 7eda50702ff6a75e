// Display layer: the Okabe–Ito colour-blind-safe palette, one colour per strategy, and the neutral colours the charts share.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Workbench.Display;

/// <summary>
/// The Okabe–Ito colour-blind-safe palette and the few neutral colours the charts share. A strategy (a recipe such as
/// ssl+al, or a query strategy such as cluster-margin) has one colour in every figure, looked up by its name; its
/// random-query control ("al (random)") has the same hue, lighter, and is drawn dotted. Other categories (provenances,
/// classes, folders) take the series colours in order.
/// </summary>
public static partial class ChartPalette
{
    /// <summary>Series colours; the sequence repeats when there are more series than colours.</summary>
    public static IReadOnlyList<string> Series { get; } =
    [
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#D55E00", // vermillion
        "#CC79A7", // reddish purple
        "#56B4E9", // sky blue
        "#F0E442", // yellow
        "#000000", // black
    ];

    /// <summary>Text colour.</summary>
    public const string Text = "#222222";

    /// <summary>Axis and tick colour.</summary>
    public const string Axis = "#555555";

    /// <summary>Grid line colour.</summary>
    public const string Grid = "#e5e5e5";

    /// <summary>Marks something wrong (misclassified tiles, errors).</summary>
    public const string Wrong = "#D55E00";

    /// <summary>Marks something right.</summary>
    public const string Right = "#009E73";

    /// <summary>The baseline and the plain random query: references, not methods.</summary>
    public const string Neutral = "#7F7F7F";

    // Recipes and query strategies never share a figure, so the two lists reuse the palette; cluster-margin is the
    // query strategy of the recipes' "al", hence the same orange.
    private static readonly Dictionary<string, string> Strategies = new(StringComparer.Ordinal)
    {
        ["baseline"] = Neutral,
        ["ssl"] = "#0072B2",
        ["al"] = "#E69F00",
        ["ssl+al"] = "#009E73",
        ["cst"] = "#D55E00",
        ["cst+al"] = "#CC79A7",
        ["fixmatch"] = "#56B4E9",
        ["fixmatch+al"] = "#000000",
        ["cluster-margin"] = "#E69F00",
        ["margin-threshold"] = "#0072B2",
        ["top-k"] = "#009E73",
        ["core-set"] = "#D55E00",
        ["typiclust"] = "#CC79A7",
        ["badge"] = "#56B4E9",
        ["random"] = Neutral,
        // Outcomes, not strategies: series of right and wrong predictions take the colours that mark them in galleries.
        ["right"] = Right,
        ["wrong"] = Wrong,
    };

    // Yellow is too faint for a line on white; a strategy without a fixed colour takes one of these.
    private static readonly string[] Unnamed = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"];

    /// <summary>The colour of series <paramref name="index"/> (wraps around).</summary>
    public static string ForIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Series[index % Series.Count];
    }

    /// <summary>
    /// The colour of a strategy series named <paramref name="name"/>: "ssl+al", "al (random)", "cst (n = 5)". A name with
    /// no fixed colour (a researcher's own strategy) gets one from a hash of its name, so it too is the same everywhere.
    /// </summary>
    public static string ForStrategy(string name) => ForStrategies([name])[0].Color;

    /// <summary>
    /// The styles of one figure's strategy series, in order. Each name gets its strategy's colour (lighter for a random
    /// control); a name without a fixed colour takes its hashed colour, or the next one no other series of the figure
    /// uses, so that two series of one figure never share a colour by accident.
    /// </summary>
    public static IReadOnlyList<SeriesStyle> ForStrategies(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var parsed = names.Select(n => StrategyOf(n ?? throw new ArgumentException("series names must not be null", nameof(names)))).ToList();
        var taken = parsed.Where(p => Strategies.ContainsKey(p.Strategy)).Select(p => Strategies[p.Strategy]).ToHashSet(StringComparer.Ordinal);
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (strategy, _) in parsed)
        {
            if (Strategies.ContainsKey(strategy) || chosen.ContainsKey(strategy)) continue;
            int start = (int)(Fnv1a(strategy) % (uint)Unnamed.Length), pick = start;
            for (int step = 0; step < Unnamed.Length; step++)
            {
                pick = (start + step) % Unnamed.Length;
                if (!taken.Contains(Unnamed[pick])) break;
            }
            chosen[strategy] = Unnamed[pick];
            taken.Add(Unnamed[pick]);
        }
        return parsed.Select(p =>
        {
            string hue = Strategies.TryGetValue(p.Strategy, out var fixedColor) ? fixedColor : chosen[p.Strategy];
            return new SeriesStyle(p.Control ? Lighter(hue) : hue, p.Control);
        }).ToList();
    }

    /// <summary>
    /// The strategy a series name stands for and whether it is a random control: "al (random) (n = 5)" is al's control;
    /// the plain query strategy "random" is a control too. Case and a trailing "(n = …)" are ignored.
    /// </summary>
    public static (string Strategy, bool Control) StrategyOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = SeedCount().Replace(name.Trim(), "").Trim().ToLowerInvariant();
        const string random = " (random)";
        if (key.EndsWith(random, StringComparison.Ordinal)) return (key[..^random.Length].Trim(), true);
        return (key, key == "random");
    }

    /// <summary>
    /// A sequential white→dark-blue scale for heat maps; <paramref name="intensity"/> is clamped to [0, 1].
    /// </summary>
    public static string Sequential(double intensity)
    {
        double t = double.IsNaN(intensity) ? 0 : Math.Clamp(intensity, 0, 1);
        // Endpoints picked so that the lightest cell still differs from the white background.
        (int r0, int g0, int b0) = (0xf7, 0xfb, 0xff);
        (int r1, int g1, int b1) = (0x08, 0x30, 0x6b);
        int r = (int)Math.Round(r0 + (r1 - r0) * t);
        int g = (int)Math.Round(g0 + (g1 - g0) * t);
        int b = (int)Math.Round(b0 + (b1 - b0) * t);
        return $"#{r:x2}{g:x2}{b:x2}";
    }

    /// <summary><paramref name="color"/> ("#rrggbb") mixed 45% towards white: a control beside its strategy.</summary>
    public static string Lighter(string color)
    {
        ArgumentNullException.ThrowIfNull(color);
        if (color.Length != 7 || color[0] != '#' || !int.TryParse(color.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int rgb))
            throw new ArgumentException($"'{color}' is not a #rrggbb colour", nameof(color));
        int Mix(int channel) => (int)Math.Round(channel + (255 - channel) * 0.45);
        return $"#{Mix(rgb >> 16 & 0xff):X2}{Mix(rgb >> 8 & 0xff):X2}{Mix(rgb & 0xff):X2}";
    }

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 16777619;
        }
        return hash;
    }

    [GeneratedRegex(@"\s*\(n = \d+\)\s*$")]
    private static partial Regex SeedCount();
}
