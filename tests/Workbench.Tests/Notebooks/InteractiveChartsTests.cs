// Notebook tests: Plotly.NET learning curves that work offline (plotly.js embedded, no CDN).
using Workbench.Display;
using Workbench.Reports;

namespace Workbench.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public sealed class InteractiveChartsTests
{
    [Fact]
    public void Learning_curve_from_a_summary_embeds_plotly_js_and_draws_mean_with_std_error_bars()
    {
        var (folder, runs) = RoundFramesTests.TwoRuns();
        using var _ = folder;

        var figure = InteractiveCharts.LearningCurve(RoundFrames.Summarise(RoundFrames.FromRuns(runs)));
        var bundle = figure.MimeBundle();
        string html = bundle[MimeTypes.Html];

        Assert.True(html.Length > 1_000_000, $"plotly.js is not embedded ({html.Length} chars)");
        // Nothing is fetched: no script source, no require.js path to the CDN (plotly.js itself names the CDN only for map data).
        Assert.DoesNotMatch("<script[^>]*src=", html);
        Assert.DoesNotContain("cdn.plot.ly/plotly", html);
        Assert.Contains("Plotly.newPlot", html);
        string json = figure.ToJson();
        Assert.Contains("\"name\":\"ssl+al\"", json);
        Assert.Contains("\"error_y\":{\"array\":[0.0,0.0707106781", json);
        Assert.Matches("\"y\":\\[[0-9.]+,0\\.8687", json);
        Assert.StartsWith("interactive chart", bundle[MimeTypes.PlainText]);
    }

    [Fact]
    public void Unknown_metric_or_no_series_is_refused()
    {
        Assert.Throws<ArgumentException>(() => InteractiveCharts.LearningCurve(new Microsoft.Data.Analysis.DataFrame(), "Loss"));
        Assert.Throws<ArgumentException>(() => InteractiveCharts.LearningCurve(Array.Empty<LearningCurveSeries>()));
    }
}
