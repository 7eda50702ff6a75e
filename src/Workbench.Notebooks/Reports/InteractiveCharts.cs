using System.Globalization;
using System.Net;
using Microsoft.Data.Analysis;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Workbench.Display;

namespace Workbench.Reports;

/// <summary>
/// Interactive charts (zoom, hover, toggle series) built with Plotly.NET. Each chart embeds plotly.js from
/// the Plotly.NET package (about 3.5 MB) so it works without a network; that is too heavy for committed
/// notebooks, which keep the static SVG charts of <see cref="Charts"/>.
/// </summary>
public static class InteractiveCharts
{
    /// <summary>
    /// One line per recipe (and split, when there are several) of <paramref name="metric"/>Mean against Round, with
    /// ± std error bars, from <see cref="RoundFrames.Summarise"/>. <paramref name="metric"/>: Accuracy or MacroF1.
    /// </summary>
    public static PlotlyFigure LearningCurve(DataFrame summary, string metric = "Accuracy", string title = "Learning curve")
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (metric is not ("Accuracy" or "MacroF1")) throw new ArgumentException($"metric must be Accuracy or MacroF1, got '{metric}'", nameof(metric));
        string[] needed = ["Recipe", "Split", "Round", "Runs", metric + "Mean", metric + "Std"];
        var missing = needed.Where(c => !summary.Columns.Any(col => col.Name == c)).ToArray();
        if (missing.Length > 0) throw new ArgumentException($"summary lacks {string.Join(", ", missing)}; pass RoundFrames.Summarise(...)", nameof(summary));
        bool severalSplits = summary.Rows.Select(r => (string)r["Split"]).Distinct().Count() > 1;
        var series = summary.Rows
            .GroupBy(r => severalSplits ? $"{r["Recipe"]} ({r["Split"]})" : (string)r["Recipe"])
            .Select(g => new LearningCurveSeries(g.Key, g.OrderBy(r => (int)r["Round"])
                .Select(r => new LearningCurvePoint((int)r["Round"], (double)r[metric + "Mean"], (double)r[metric + "Std"])).ToArray()))
            .ToArray();
        return LearningCurve(series, title, metric == "Accuracy" ? "Accuracy" : "Macro-F1");
    }

    /// <summary>The same series as the static <see cref="LearningCurveChart"/>, drawn interactively (mean with ± std error bars).</summary>
    public static PlotlyFigure LearningCurve(IReadOnlyList<LearningCurveSeries> series, string title = "Learning curve", string yAxisLabel = "Accuracy",
        string xAxisLabel = "Round")
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("no series to draw", nameof(series));
        var lines = series.Select(line =>
        {
            double[] x = line.Points.Select(p => p.X).ToArray();
            double[] y = line.Points.Select(p => p.Mean).ToArray();
            string[] hover = line.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{line.Name}, {xAxisLabel} {p.X}: {p.Mean:0.000} ± {p.Std:0.000}")).ToArray();
            var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: x, y: y, Name: line.Name, ShowMarkers: true, MultiText: hover);
            // Error bars through the F# API (the C# bindings have no wrapper for them).
            return Plotly.NET.Chart.withYErrorStyle<double, double>(null, null, null, FSharpOption<IEnumerable<double>>.Some(line.Points.Select(p => p.Std).ToArray()),
                null, null, null, null, null, null, null, null, null).Invoke(chart);
        }).ToArray();
        var chart = Plotly.NET.CSharp.Chart.Combine(lines);
        chart = Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
        chart = chart.WithXAxisStyle<double, double, string>(TitleText: xAxisLabel);
        chart = chart.WithYAxisStyle<double, double, string>(TitleText: yAxisLabel);
        // Plotly.NET's default is a 600 × 600 square; this matches the static charts' proportions.
        chart = chart.WithSize(Width: 720, Height: 420);
        return new PlotlyFigure(chart, title);
    }
}

/// <summary>A Plotly.NET chart shown as interactive HTML (plotly.js embedded) with a text fallback.</summary>
public sealed class PlotlyFigure(GenericChart chart, string title) : IRichDisplay
{
    private static readonly Lazy<string> PlotlyJs = new(() =>
    {
        var assembly = typeof(GenericChart).Assembly;
        string name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    });

    /// <summary>The Plotly.NET chart, to restyle with Plotly.NET before showing.</summary>
    public GenericChart Chart { get; } = chart;

    /// <summary>The figure as Plotly JSON (data, layout, config).</summary>
    public string ToJson() => GenericChart.toFigureJson(Chart);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> MimeBundle() => new Dictionary<string, string>
    {
        // Classic Jupyter loads require.js: plotly.js would register as an AMD module instead of window.Plotly,
        // so `define` is hidden while it loads; an already loaded plotly.js is reused.
        [MimeTypes.Html] = "<script type=\"text/javascript\">if (!window.Plotly) { var __wbDefine = window.define; window.define = undefined;\n"
            + PlotlyJs.Value.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
            + "\nwindow.define = __wbDefine; }</script>\n" + GenericChart.toChartHTML(Chart),
        [MimeTypes.PlainText] = $"interactive chart: {title} (needs a front end that runs JavaScript)",
    };

    /// <inheritdoc />
    public override string ToString() => $"PlotlyFigure({WebUtility.HtmlEncode(title)})";
}
