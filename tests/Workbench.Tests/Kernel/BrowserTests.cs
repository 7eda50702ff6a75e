// Kernel tests: a person's view: Jupyter Notebook in headless Chromium runs a notebook on the kernel (streamed text, SVG figure, screenshot).
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Workbench.Notebooks;
using Workbench.Tests.Notebooks;

namespace Workbench.Tests.Kernel;

/// <summary>A fact skipped (not failed) when Debian's chromium or jupyter-notebook is absent; ./setup.sh installs both.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserTests.Chromium)) Skip = $"{BrowserTests.Chromium} is absent (apt-get install chromium)";
        else if (JupyterTools.Run(JupyterTools.Python, ["-c", "import notebook, jupyter_client"], timeoutSeconds: 60).ExitCode != 0)
            Skip = "Jupyter Notebook is absent (apt-get install jupyter-notebook)";
    }
}

[Collection(NotebookRunnerCollection.Name)]
public sealed class BrowserTests
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Where the screenshot of the executed notebook is saved (under the test output).</summary>
    public static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "screenshots", "jupyter-notebook.png");

    [BrowserFact]
    public async Task Jupyter_notebook_runs_cells_on_the_kernel_and_shows_streamed_text_and_an_svg_figure()
    {
        using var folder = new TempNotebookFolder();
        var notebook = Notebook.CreatePolyglot();
        notebook.AddMarkdown("# Workbench kernel in Jupyter\n\nThe first cell prints while it runs; the second draws a learning curve (SVG), the third an interactive one (Plotly.NET).");
        notebook.AddCode("Console.WriteLine(\"round 1: training…\");\nawait Task.Delay(4000, Cancellation);\nConsole.WriteLine(\"round 1: accuracy 0.91\");");
        notebook.AddCode("display(new LearningCurveChart(new[] {\n    new LearningCurveSeries(\"cst+al\", new[] { new LearningCurvePoint(0, 0.62, 0.02), new LearningCurvePoint(1, 0.81, 0.02), new LearningCurvePoint(2, 0.90, 0.01) }),\n    new LearningCurveSeries(\"ssl\", new[] { new LearningCurvePoint(0, 0.62, 0.02), new LearningCurvePoint(1, 0.70, 0.03), new LearningCurvePoint(2, 0.74, 0.03) }) }));");
        notebook.AddCode("display(InteractiveCharts.LearningCurve(new[] { new LearningCurveSeries(\"cst+al\", new[] { new LearningCurvePoint(0, 0.62, 0.02), new LearningCurvePoint(1, 0.81, 0.02) }) }, \"Interactive (Plotly.NET, offline)\"));");
        folder.Write("browser-check.ipynb", notebook);
        string prefix = folder.File("prefix");
        var (installed, installOutput) = JupyterTools.Run("dotnet", [JupyterTools.WorkbenchDll, "kernel", "install", "--prefix", prefix]);
        Assert.True(installed == 0, installOutput);

        int port = FreePort();
        string token = Guid.NewGuid().ToString("N");
        using var server = StartNotebookServer(folder.Path, prefix, port, token);
        try
        {
            await WaitForServer(port, token, server);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 1500 } });
            await page.GotoAsync($"http://127.0.0.1:{port}/notebooks/browser-check.ipynb?token={token}");
            await page.WaitForFunctionAsync("() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()",
                null, new() { Timeout = 120_000 });

            // As a person would: click into the first code cell and press Shift+Enter twice.
            await page.Locator(".code_cell .CodeMirror").First.ClickAsync();
            await page.Keyboard.PressAsync("Shift+Enter");
            await page.Keyboard.PressAsync("Shift+Enter");
            await page.Keyboard.PressAsync("Shift+Enter");
            var stdout = page.Locator(".output_stdout").First;
            await stdout.Filter(new() { HasText = "training" }).WaitForAsync(new() { Timeout = 120_000 });
            // Streamed: the first line is on screen while the cell is still running.
            Assert.DoesNotContain("accuracy", await stdout.InnerTextAsync());
            await page.Locator(".output_area svg").First.WaitForAsync(new() { Timeout = 120_000 });
            Assert.Contains("accuracy 0.91", await stdout.InnerTextAsync());
            Assert.True(await page.Locator(".output_area svg polyline, .output_area svg path").CountAsync() > 0, "the SVG has no lines");
            // plotly.js embedded in the output draws the interactive chart; this browser has no network to fetch it.
            await page.Locator(".output_area .js-plotly-plot .main-svg").First.WaitForAsync(new() { Timeout = 120_000 });

            Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
            // The notebook scrolls inside its own panel, so the viewport is made tall enough for all three outputs.
            await page.ScreenshotAsync(new() { Path = ScreenshotPath, FullPage = true });
            Assert.True(new FileInfo(ScreenshotPath).Length > 10_000);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static Process StartNotebookServer(string directory, string prefix, int port, string token)
    {
        var start = new ProcessStartInfo("jupyter") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (string a in new[] { "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0",
            $"--NotebookApp.token={token}", $"--notebook-dir={directory}" })
            start.ArgumentList.Add(a);
        start.Environment["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(prefix, "runtime");
        start.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(prefix, "config");
        start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(prefix, "data");
        start.Environment["JUPYTER_PLATFORM_DIRS"] = "1";
        var process = Process.Start(start)!;
        // Drained so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForServer(int port, string token, Process server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, $"jupyter notebook exited with {(server.HasExited ? server.ExitCode : 0)}");
            try
            {
                var response = await http.GetAsync($"http://127.0.0.1:{port}/api/status?token={token}");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }
            await Task.Delay(500);
        }
        Assert.Fail("jupyter notebook did not answer within 120 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
