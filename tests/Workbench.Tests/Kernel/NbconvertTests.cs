// Kernel tests: `jupyter nbconvert --execute` runs a Polyglot notebook on the kernel with the same outputs as the headless runner.
using Workbench.Notebooks;
using Workbench.Tests.Notebooks;

namespace Workbench.Tests.Kernel;

/// <summary>A fact skipped (not failed) when Debian's nbconvert / nbclient are absent; ./setup.sh installs them.</summary>
public sealed class NbconvertFactAttribute : FactAttribute
{
    public NbconvertFactAttribute()
    {
        if (JupyterTools.NbconvertUnavailable is { } why) Skip = why;
    }
}

[Collection(NotebookRunnerCollection.Name)]
public sealed class NbconvertTests
{
    // Every kind of output the runner writes: streams, SVG and HTML displays, an updated display, a result, an error.
    private static readonly string[] Cells =
    [
        "Console.WriteLine(\"hello\");\nConsole.Error.WriteLine(\"warn\");\nConsole.WriteLine(\"again\");",
        "var chart = new LearningCurveChart(new[] { new LearningCurveSeries(\"cst\", new[] { new LearningCurvePoint(0, 0.5, 0.1), new LearningCurvePoint(1, 0.7) }) });\ndisplay(chart);\ndisplay(new HtmlTable(new[] { \"a\" }, new[] { new[] { \"1\" } }));",
        "var handle = display(\"one\");\nhandle.Update(\"two\");\n40 + 2",
        "#!csharp\nnew[] { new { Recipe = \"cst\", Accuracy = 0.9 } }",
    ];

    [NbconvertFact]
    public async Task Nbconvert_execute_gives_valid_nbformat_with_the_runners_output_types_and_mime_types()
    {
        using var folder = new TempNotebookFolder();
        var notebook = Notebook.CreatePolyglot();
        notebook.AddMarkdown("# Kernel check");
        foreach (string code in Cells) notebook.AddCode(code);
        string input = folder.Write("kernel-check.ipynb", notebook);
        // Installed under the committed notebooks' kernelspec name, so their metadata is used unedited.
        string prefix = folder.File("prefix");
        var (installed, installOutput) = JupyterTools.Run("dotnet", [JupyterTools.WorkbenchDll, "kernel", "install", "--prefix", prefix]);
        Assert.True(installed == 0, installOutput);
        var environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(prefix, "runtime"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(prefix, "config"),
            ["JUPYTER_PLATFORM_DIRS"] = "1",
        };

        var (exit, output) = JupyterTools.Run("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--output", "via-kernel.ipynb",
            "--ExecutePreprocessor.timeout=300", input], environment, folder.Path);
        Assert.True(exit == 0, output);
        string viaKernel = folder.File("via-kernel.ipynb");
        var (valid, validation) = JupyterTools.Run(JupyterTools.Python, ["-c",
            "import nbformat,sys; nb=nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); print('valid', nb.metadata.kernelspec.name)", viaKernel]);
        Assert.True(valid == 0, validation);
        Assert.Contains("valid .net-csharp", validation);
        Assert.Empty(NbformatValidator.ValidateFile(viaKernel));

        var runner = await NotebookRunner.RunAsync(input, new RunOptions { OutputPath = folder.File("via-runner.ipynb") });
        Assert.True(runner.Succeeded, runner.Error?.EValue);

        var kernelCells = Notebook.Load(viaKernel).Cells.Where(c => c.IsCode).ToList();
        var runnerCells = runner.Notebook.Cells.Where(c => c.IsCode).ToList();
        Assert.Equal(Cells.Length, kernelCells.Count);
        for (int i = 0; i < Cells.Length; i++)
        {
            Assert.Equal(Describe(runnerCells[i].Outputs), Describe(kernelCells[i].Outputs));
            Assert.Equal(runnerCells[i].ExecutionCount, kernelCells[i].ExecutionCount);
        }
        Assert.Contains("display_data[image/svg+xml,text/plain]", Describe(kernelCells[1].Outputs));
        Assert.Contains("display_data[text/plain]=two", Describe(kernelCells[2].Outputs));
    }

    [NbconvertFact]
    public async Task Tour_notebook_with_tiny_parameters_gives_the_same_output_types_through_the_kernel_as_through_the_runner()
    {
        using var folder = new TempNotebookFolder();
        var tiny = new Dictionary<string, string> { ["maxSteps"] = "20", ["galleryTiles"] = "4", ["figuresDir"] = folder.File("figures") };
        string source = Path.Combine(RepositoryPaths.Notebooks, "01-tour.ipynb");
        var notebook = Notebook.Load(source);
        NotebookRunner.InjectParameters(notebook, tiny);
        string input = folder.Write("01-tour.ipynb", notebook);
        string prefix = folder.File("prefix");
        Assert.Equal(0, JupyterTools.Run("dotnet", [JupyterTools.WorkbenchDll, "kernel", "install", "--prefix", prefix]).ExitCode);
        var environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(prefix, "runtime"),
            ["JUPYTER_PLATFORM_DIRS"] = "1",
        };

        // nbclient is nbconvert's execution engine; called directly so the kernel starts in notebooks/, where the
        // notebook's relative paths (#r ../src/…, ../data/cache) resolve, while the copy stays in a temporary folder.
        string viaKernel = folder.File("via-kernel.ipynb");
        string script = "import sys, nbformat, nbclient; nb = nbformat.read(sys.argv[1], as_version=4); "
            + "nbclient.NotebookClient(nb, timeout=600, resources={'metadata': {'path': sys.argv[2]}}).execute(); nbformat.write(nb, sys.argv[3])";
        var (exit, output) = JupyterTools.Run(JupyterTools.Python, ["-c", script, input, RepositoryPaths.Notebooks, viaKernel], environment, timeoutSeconds: 900);
        Assert.True(exit == 0, output);
        var runner = await NotebookRunner.RunAsync(source, new RunOptions { Parameters = tiny, OutputPath = folder.File("via-runner.ipynb") });
        Assert.True(runner.Succeeded, runner.Error?.EValue);

        var kernelCells = Notebook.Load(viaKernel).Cells.Where(c => c.IsCode).ToList();
        var runnerCells = runner.Notebook.Cells.Where(c => c.IsCode).ToList();
        Assert.Equal(runnerCells.Count, kernelCells.Count);
        for (int i = 0; i < runnerCells.Count; i++)
            Assert.Equal(Shape(runnerCells[i].Outputs), Shape(kernelCells[i].Outputs));
        Assert.Contains(kernelCells.SelectMany(c => c.Outputs), o => o is DisplayDataOutput d && d.Data.ContainsKey("image/svg+xml"));
    }

    /// <summary>Output types, MIME types and stream names (texts hold timings that differ between runs).</summary>
    private static List<string> Shape(IEnumerable<CellOutput> outputs) =>
        Describe(outputs).Select(d => d.StartsWith("stream[", StringComparison.Ordinal) ? d[..(d.IndexOf(']') + 1)]
            : d.Contains("]=", StringComparison.Ordinal) ? d[..(d.IndexOf("]=", StringComparison.Ordinal) + 1)] : d).ToList();

    /// <summary>Each output as type[sorted MIME types] (plain text and stream text included), consecutive streams merged.</summary>
    private static List<string> Describe(IEnumerable<CellOutput> outputs)
    {
        var described = new List<string>();
        StreamOutput? pending = null;
        foreach (var output in outputs)
        {
            if (output is StreamOutput stream && pending is not null && pending.Name == stream.Name)
            {
                pending = pending with { Text = pending.Text + stream.Text };
                continue;
            }
            if (pending is not null) described.Add($"stream[{pending.Name}]={pending.Text}");
            pending = output as StreamOutput;
            if (pending is not null) continue;
            var data = output switch
            {
                DisplayDataOutput d => d.Data,
                ExecuteResultOutput r => r.Data,
                _ => new Dictionary<string, string>(),
            };
            string plain = data.TryGetValue("text/plain", out var text) && !data.ContainsKey("image/svg+xml") && !data.ContainsKey("text/html") ? "=" + text : "";
            described.Add($"{output.OutputType}[{string.Join(",", data.Keys.Order(StringComparer.Ordinal))}]{plain}");
        }
        if (pending is not null) described.Add($"stream[{pending.Name}]={pending.Text}");
        return described;
    }
}
