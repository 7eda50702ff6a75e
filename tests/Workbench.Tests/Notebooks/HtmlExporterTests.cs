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
        // No machine timing unless the run was asked to record it (NotebookRunnerTests): the day, not the time or duration.
        Assert.Matches(@"<div class=""run-info"">Executed \d{4}-\d\d-\d\d[ <]", html);
        Assert.DoesNotMatch(@"Executed \d{4}-\d\d-\d\dT|in \d+\.\d s", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Header_names_the_day_the_commit_the_data_sets_and_the_profile_the_run_used()
    {
        using var folder = new TempNotebookFolder();
        // A checkout of its own, so the commit is known.
        var git = new Dictionary<string, string> { ["GIT_CONFIG_NOSYSTEM"] = "1", ["HOME"] = folder.Path };
        Assert.Equal(0, Kernel.JupyterTools.Run("git", ["init", "-q", folder.Path], git).ExitCode);
        Assert.Equal(0, Kernel.JupyterTools.Run("git", ["-C", folder.Path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "x"], git).ExitCode);
        string head = Kernel.JupyterTools.Run("git", ["-C", folder.Path, "rev-parse", "--short=10", "HEAD"], git).Output.Trim();
        var notebook = Notebook.CreatePolyglot();
        notebook.AddMarkdown("# Header");
        notebook.AddCode("var profile = \"quick\";", "parameters");
        notebook.AddCode("var config = Presets.Create(\"bone-marrow\", \"cst\", PresetProfiles.Parse(profile), 0);\nvar again = config;");
        notebook.AddCode("var poster = Presets.Create(\"poster\", \"al\", PresetProfile.Quick, 0);");
        string input = folder.Write("header.ipynb", notebook);
        string htmlPath = folder.File("header.html");

        var result = await NotebookRunner.RunAsync(input, new RunOptions { HtmlPath = htmlPath, Parameters = new Dictionary<string, string> { ["profile"] = "full" } });

        Assert.True(result.Succeeded, result.Error?.EValue);
        string header = Regex.Match(File.ReadAllText(htmlPath), "<div class=\"run-info\">(.*?)</div>").Groups[1].Value;
        Assert.Matches($"^Executed {DateTime.UtcNow:yyyy-MM-dd}|^Executed {DateTime.UtcNow.AddMinutes(-5):yyyy-MM-dd}", header);
        Assert.Contains($"commit <code>{head}</code>", header);
        Assert.Contains("data sets <code>bccd</code>, <code>pbc-fine</code>", header);
        Assert.Contains("profile <code>full</code>", header);
        Assert.Contains("parameters: <code>profile = full</code>", header);
        Assert.DoesNotContain(" in ", header);
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
