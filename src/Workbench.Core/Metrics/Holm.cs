using System.Globalization;

namespace Workbench.Metrics;

/// <summary>One headline comparison before adjustment: its estimate, unadjusted 95% interval and p-value.</summary>
public sealed record Comparison(string Name, double Estimate, double Low, double High, double P)
{
    /// <summary>A seed-paired comparison from <see cref="PairedDifference"/> (Student t interval and p).</summary>
    public static Comparison From(string name, PairedDifference difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        return new Comparison(name, difference.Mean, difference.Low, difference.High, difference.P);
    }

    /// <summary>A cluster-bootstrap comparison (percentile interval and bootstrap p).</summary>
    public static Comparison From(string name, BootstrapInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return new Comparison(name, interval.Estimate, interval.Low, interval.High, interval.P);
    }
}

/// <summary>A comparison after Holm's adjustment within its family.</summary>
/// <param name="AdjustedP">Holm-adjusted p-value (monotone in the unadjusted p, at most 1).</param>
/// <param name="Survives">True when <paramref name="AdjustedP"/> &lt;= the family's alpha: only these may be called a difference.</param>
public sealed record AdjustedComparison(string Name, double Estimate, double Low, double High, double P, double AdjustedP, bool Survives);

/// <summary>A named family of comparisons, adjusted together at <paramref name="Alpha"/>.</summary>
public sealed record ComparisonFamily(string Name, double Alpha, IReadOnlyList<AdjustedComparison> Comparisons)
{
    /// <summary>Plain-text table: name, estimate [unadjusted interval], p, Holm p, survives (values x <paramref name="scale"/>).</summary>
    public string ToText(double scale = 100)
    {
        string F(double v, string f) => double.IsNaN(v) ? "n/a" : v.ToString(f, CultureInfo.InvariantCulture);
        string S(double v) => double.IsNaN(v) ? "n/a" : (v >= 0 ? "+" : "") + F(v * scale, "F1");
        int width = Math.Max(10, Comparisons.Select(c => c.Name.Length).DefaultIfEmpty(0).Max());
        var lines = new List<string>
        {
            $"family '{Name}': {Comparisons.Count} comparisons, Holm-Bonferroni at alpha {F(Alpha, "0.###")}",
            $"{"comparison".PadRight(width)}  estimate [95% CI, unadjusted]      p  Holm p  survives",
        };
        foreach (var c in Comparisons)
            lines.Add($"{c.Name.PadRight(width)}  {$"{S(c.Estimate)} [{S(c.Low)}, {S(c.High)}]",-30} {F(c.P, "F4"),6}  {F(c.AdjustedP, "F4"),6}  {(c.Survives ? "yes" : "no")}");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The family as a Markdown table; "survives" marks the only comparisons that may be called differences.</summary>
    public string ToMarkdown(double scale = 100)
    {
        string F(double v, string f) => double.IsNaN(v) ? "n/a" : v.ToString(f, CultureInfo.InvariantCulture);
        string S(double v) => double.IsNaN(v) ? "n/a" : (v >= 0 ? "+" : "") + F(v * scale, "F1");
        var lines = new List<string>
        {
            $"Family '{Name}': {Comparisons.Count} comparisons, Holm-Bonferroni at alpha {F(Alpha, "0.###")}.",
            "",
            "| comparison | estimate (pp) | 95% interval, unadjusted | p | Holm p | survives |",
            "|---|---|---|---|---|---|",
        };
        foreach (var c in Comparisons)
            lines.Add($"| {c.Name} | {S(c.Estimate)} | [{S(c.Low)}, {S(c.High)}] | {F(c.P, "F4")} | {F(c.AdjustedP, "F4")} | {(c.Survives ? "**yes**" : "no")} |");
        return string.Join("\n", lines) + "\n";
    }
}

/// <summary>Holm-Bonferroni step-down adjustment: controls the family-wise error rate without Bonferroni's loss of power.</summary>
public static class Holm
{
    /// <summary>
    /// Adjusts the p-values of <paramref name="comparisons"/> (returned in input order): the k-th smallest of m p-values
    /// becomes max over j &lt;= k of min(1, (m - j + 1) p_(j)). A NaN p (one seed) stays NaN, never survives, and does not
    /// count towards m, since it is no test.
    /// </summary>
    public static ComparisonFamily Adjust(string family, IReadOnlyList<Comparison> comparisons, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(comparisons);
        if (alpha is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be in (0, 1)");
        foreach (var c in comparisons)
            if (c.P is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(comparisons), c.P, $"p of '{c.Name}' must be in [0, 1]");
        var order = Enumerable.Range(0, comparisons.Count).Where(i => !double.IsNaN(comparisons[i].P))
            .OrderBy(i => comparisons[i].P).ToArray();
        var adjusted = Enumerable.Repeat(double.NaN, comparisons.Count).ToArray();
        double running = 0;
        for (int k = 0; k < order.Length; k++)
        {
            // The running maximum keeps the adjustment monotone: a larger raw p never gets a smaller adjusted p.
            running = Math.Max(running, Math.Min(1, (order.Length - k) * comparisons[order[k]].P));
            adjusted[order[k]] = running;
        }
        var result = comparisons.Select((c, i) =>
            new AdjustedComparison(c.Name, c.Estimate, c.Low, c.High, c.P, adjusted[i], adjusted[i] <= alpha)).ToList();
        return new ComparisonFamily(family, alpha, result);
    }
}
