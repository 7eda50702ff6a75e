// Kernel tests: locating workbench.dll and Debian's Jupyter tools, installing a throwaway kernelspec, running processes.
using System.Diagnostics;
using System.Text;

namespace Workbench.Tests.Kernel;

/// <summary>Runs external programs for the kernel tests and installs the kernel into a temporary Jupyter prefix.</summary>
internal static class JupyterTools
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> MissingClient = new(() => Missing("import jupyter_client, zmq", "python3-jupyter-client"));
    private static readonly Lazy<string?> MissingNbconvert = new(() => Missing("import nbconvert, nbclient, nbformat", "jupyter-nbconvert python3-nbclient"));

    /// <summary>Why the jupyter_client tests cannot run here, or null when they can.</summary>
    public static string? ClientUnavailable => MissingClient.Value;

    /// <summary>Why the nbconvert tests cannot run here, or null when they can.</summary>
    public static string? NbconvertUnavailable => MissingNbconvert.Value;

    /// <summary>workbench.dll of the same configuration as these tests (the test project builds it).</summary>
    public static string WorkbenchDll
    {
        get
        {
            // tests/Workbench.Tests/bin/<Configuration>/<tfm>/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string dll = Path.Combine(RepositoryPaths.Root, "src", "Workbench.Cli", "bin", output.Parent!.Name, output.Name, "workbench.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the solution first", dll);
        }
    }

    /// <summary>Runs a program to completion; returns its exit code and stdout + stderr.</summary>
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null,
        string? workingDirectory = null, int timeoutSeconds = 300)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeoutSeconds}s\n{output}");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    private static string? Missing(string import, string packages) =>
        !File.Exists(Python) ? $"{Python} is absent (apt-get install {packages})"
        : Run(Python, ["-c", import], timeoutSeconds: 60).ExitCode != 0 ? $"{Python} lacks the modules ({import}); apt-get install {packages}" : null;
}

/// <summary>A kernelspec installed by `workbench kernel install --prefix` into a temporary folder, for one test class.</summary>
public sealed class KernelSpecFixture : IDisposable
{
    public KernelSpecFixture()
    {
        Prefix = Path.Combine(Path.GetTempPath(), "wb-kernelspec-" + Guid.NewGuid().ToString("N"));
        var (exit, output) = JupyterTools.Run("dotnet", [JupyterTools.WorkbenchDll, "kernel", "install", "--prefix", Prefix, "--name", Name]);
        InstallOutput = output;
        Installed = exit == 0;
    }

    /// <summary>A name no real install uses.</summary>
    public string Name { get; } = "workbench-test";

    public string Prefix { get; }

    public bool Installed { get; }

    public string InstallOutput { get; }

    /// <summary>The JUPYTER_PATH entry that makes Jupyter find the kernelspec.</summary>
    public string JupyterPath => Path.Combine(Prefix, "share", "jupyter");

    /// <summary>Environment for Jupyter tools: finds this kernelspec, keeps its runtime files in the prefix.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["JUPYTER_PATH"] = JupyterPath,
        ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Prefix, "runtime"),
        ["JUPYTER_CONFIG_DIR"] = Path.Combine(Prefix, "config"),
        ["JUPYTER_PLATFORM_DIRS"] = "1",
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Prefix, recursive: true);
        }
        catch (IOException)
        {
            // A kernel still shutting down may hold a runtime file; the temp folder is cleaned by the OS.
        }
    }
}
