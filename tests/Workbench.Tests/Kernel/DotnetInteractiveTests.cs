// Kernel tests: the committed notebooks under .NET Interactive's own kernel (Polyglot Notebooks), run by `jupyter nbconvert --execute`.
using Workbench.Notebooks;
using Workbench.Tests.Notebooks;

namespace Workbench.Tests.Kernel;

/// <summary>
/// Microsoft.dotnet-interactive installed once per machine from the same NuGet source as the build's packages, into a
/// folder of the temp directory (outside the checkout, as a student's global tool is: a tool inside the checkout would find
/// the native engine by walking up from its own folder and hide a loader that only looks there), and its Jupyter
/// kernelspec registered under a temporary JUPYTER_PATH: the user's kernels are never read or changed.
/// </summary>
internal static class DotnetInteractiveTool
{
    /// <summary>The version the notebooks are checked against (it targets net10).</summary>
    public const string Version = "1.0.712001";

    /// <summary>The name its C# kernelspec is registered under here (its own name, .net-csharp, is ours too).</summary>
    public const string KernelName = "dotnet-interactive-csharp";

    private static readonly Lazy<string> LazyToolPath = new(Install);

    /// <summary>The folder holding the dotnet-interactive executable.</summary>
    public static string ToolPath => LazyToolPath.Value;

    private static string Install()
    {
        string folder = Path.Combine(Path.GetTempPath(), "workbench-tools", $"dotnet-interactive-{Version}");
        if (File.Exists(Path.Combine(folder, "dotnet-interactive"))) return folder;
        // Installed beside, then moved into place: a second test run installing at the same time keeps the first one's copy.
        string fresh = folder + "-" + Guid.NewGuid().ToString("N");
        var (exit, output) = JupyterTools.Run("dotnet", ["tool", "install", "--tool-path", fresh, "Microsoft.dotnet-interactive", "--version", Version],
            Quiet, timeoutSeconds: 600);
        if (exit != 0) throw new InvalidOperationException($"dotnet tool install Microsoft.dotnet-interactive {Version} failed:\n{output}");
        try
        {
            Directory.Move(fresh, folder);
        }
        catch (IOException) when (File.Exists(Path.Combine(folder, "dotnet-interactive")))
        {
            Directory.Delete(fresh, recursive: true);
        }
        return folder;
    }

    /// <summary>No telemetry banner or upload from the tool in tests.</summary>
    public static Dictionary<string, string> Quiet => new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>
    /// Registers the tool's C# kernel with its own `jupyter install` under <paramref name="prefix"/> and returns the
    /// environment that finds it. Its kernelspec starts `dotnet interactive`, which the dotnet host resolves to the
    /// dotnet-interactive executable on PATH: the tool folder goes first on PATH.
    /// </summary>
    public static Dictionary<string, string> Register(string prefix)
    {
        string installed = Path.Combine(prefix, "installed");
        Directory.CreateDirectory(installed);
        var environment = Quiet;
        environment["PATH"] = ToolPath + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        var (exit, output) = JupyterTools.Run(Path.Combine(ToolPath, "dotnet-interactive"), ["jupyter", "install", "--path", installed], environment);
        if (exit != 0) throw new InvalidOperationException($"dotnet-interactive jupyter install failed:\n{output}");
        string kernels = Path.Combine(prefix, "share", "jupyter", "kernels");
        CopyFolder(Path.Combine(installed, ".net-csharp"), Path.Combine(kernels, KernelName));
        environment["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter");
        environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(prefix, "runtime");
        environment["JUPYTER_CONFIG_DIR"] = Path.Combine(prefix, "config");
        environment["JUPYTER_PLATFORM_DIRS"] = "1";
        return environment;
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from)) throw new DirectoryNotFoundException($"dotnet-interactive jupyter install wrote no {from}");
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}

[Collection(NotebookRunnerCollection.Name)]
public sealed class DotnetInteractiveTests
{
    [NbconvertFact]
    public void Tour_notebook_runs_to_the_end_on_dotnet_interactive_with_charts_and_tables_as_html()
    {
        using var folder = new TempNotebookFolder();
        // The notebook as a student opens it from notebooks/: its `#r "../src/…"` resolves from the kernel's folder, so the
        // copy sits in a notebooks/ folder beside a link to the checkout's src/.
        string notebooks = Path.Combine(folder.Path, "notebooks");
        Directory.CreateDirectory(notebooks);
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "src"), Path.Combine(RepositoryPaths.Root, "src"));
        var notebook = Notebook.Load(Path.Combine(RepositoryPaths.Notebooks, "01-tour.ipynb"));
        NotebookRunner.InjectParameters(notebook, new Dictionary<string, string>
        {
            ["maxSteps"] = "20", ["galleryTiles"] = "4", ["figuresDir"] = folder.File("figures"),
            ["dataRoot"] = Workbench.Data.DataRoot.Resolve(null), ["cacheDir"] = Path.Combine(RepositoryPaths.Root, "data", "cache"),
        });
        string input = Path.Combine(notebooks, "01-tour.ipynb");
        notebook.Save(input);
        var environment = DotnetInteractiveTool.Register(folder.File("jupyter"));

        string output = folder.File("via-dotnet-interactive.ipynb");
        var (exit, log) = JupyterTools.Run("jupyter", ["nbconvert", "--to", "notebook", "--execute", $"--ExecutePreprocessor.kernel_name={DotnetInteractiveTool.KernelName}",
            "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.startup_timeout=300", "--output", output, input], environment, notebooks, timeoutSeconds: 900);

        Assert.True(exit == 0, log);
        var cells = Notebook.Load(output).Cells.Where(c => c.IsCode).ToList();
        Assert.All(cells, c => Assert.DoesNotContain(c.Outputs, o => o is ErrorOutput));
        Assert.All(cells.Where(c => c.Source.Trim().Length > 0), c => Assert.NotNull(c.ExecutionCount));
        var html = cells.SelectMany(c => c.Outputs).OfType<DisplayDataOutput>()
            .Select(d => d.Data.TryGetValue("text/html", out var h) ? h : "").ToList();
        // Charts as inline SVG, tables and galleries as the workbench's HTML: not .NET Interactive's object tree.
        Assert.Contains(html, h => h.TrimStart().StartsWith("<svg", StringComparison.Ordinal) && h.Contains("BCCD images per class", StringComparison.Ordinal));
        Assert.Contains(html, h => h.Contains("<table", StringComparison.Ordinal) && h.Contains("paper train", StringComparison.Ordinal));
        Assert.Contains(html, h => h.Contains("<img", StringComparison.Ordinal) && h.Contains("augmented copies", StringComparison.Ordinal));
        Assert.DoesNotContain(html, h => h.Contains("dni-treeview", StringComparison.Ordinal));
        string stdout = string.Concat(cells.SelectMany(c => c.Outputs).OfType<StreamOutput>().Select(s => s.Text));
        Assert.Contains("bccd: 12,444 images", stdout);
        Assert.Contains("trained on 124 labelled images (20 steps)", stdout);
    }
}
