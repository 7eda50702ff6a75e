using System.Text.RegularExpressions;
using Workbench.Notebooks;

namespace Workbench.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public sealed class HtmlExporterTests
{
    [Fact]
    public async Task Report_is_self_contained_with_rendered_markdown_svg_and_escaped_code()
    {
        using var folder = new TempNotebookFolder();
        var notebook = Notebook.CreatePolyglot();
        notebook.AddMarkdown("# SSL+AL on BCCD\n\nSome *emphasis*.\n\n| method | acc |\n|---|---|\n| SSL | 88.04 |\n");
        notebook.AddCode("var counts = new int[,] { { 3, 1 }, { 0, 4 } };\ndisplay(new ConfusionMatrixChart(counts, new[] { \"a\", \"b\" }, true, \"cm\"));");
        notebook.AddCode("var html = \"<b>x</b>\";\nConsole.WriteLine(html);\n1 < 2");
        string input = folder.Write("report.ipynb", notebook);
        string htmlPath = folder.File(Path.Combine("out", "report.html"));

        var result = await NotebookRunner.RunAsync(input, new RunOptions { HtmlPath = htmlPath, Parameters = new Dictionary<string, string>() });

        Assert.True(result.Succeeded, result.Error?.EValue);
        string html = File.ReadAllText(htmlPath);
        Assert.Contains("<title>SSL+AL on BCCD</title>", html);
        Assert.Contains("<h1", html);
        Assert.Contains("<em>emphasis</em>", html);
        Assert.Matches("<table[^>]*>", html);
        Assert.Contains("<td>88.04</td>", html);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", html);
        Assert.Matches(@">\s*0\.75\s*<", html);
        Assert.Contains("var html = &quot;&lt;b&gt;x&lt;/b&gt;&quot;;", html);
        Assert.Contains("<pre>&lt;b&gt;x&lt;/b&gt;\n</pre>", html);
        Assert.Contains("In [1]:", html);
        Assert.Contains("Out [2]:", html);
        // No machine timing unless the run was asked to record it (NotebookRunnerTests).
        Assert.DoesNotContain("Executed ", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Png_outputs_become_data_uris_and_errors_a_red_box()
    {
        var notebook = Notebook.CreatePolyglot();
        var cell = notebook.AddCode("x");
        cell.ExecutionCount = 1;
        cell.Outputs.Add(new DisplayDataOutput(new Dictionary<string, string> { ["image/png"] = "iVBORw0KGgo=\n", ["text/plain"] = "img" }));
        cell.Outputs.Add(new ErrorOutput("System.Exception", "bad <thing>", ["System.Exception: bad <thing>", "   at Submission#0"]));
        notebook.AddCode("not run");

        string html = HtmlExporter.ToHtml(notebook, "fallback");

        Assert.Contains("<title>fallback</title>", html);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", html);
        Assert.Contains("class=\"output error\"", html);
        Assert.Contains("bad &lt;thing&gt;", html);
        Assert.Contains("not executed", html);
    }
}
