using System.CommandLine;
using System.Reflection;
using Workbench.Kernel;

namespace Workbench.Cli;

/// <summary>`workbench kernel`: the Jupyter kernel for C# notebooks, and its installer.</summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var connectionFile = new Option<string?>("--connection-file", "-f") { Description = "The connection file Jupyter wrote (ports, signing key)" };
        var kernel = new Command("kernel", "Serve C# notebooks to Jupyter / VS Code (started by Jupyter through the kernelspec)");
        kernel.Options.Add(connectionFile);
        kernel.SetAction((result, cancel) => CommandRunner.RunAsync(async () =>
        {
            string path = result.GetValue(connectionFile) ?? throw new ArgumentException("--connection-file is required (Jupyter passes it); to install the kernel: workbench kernel install");
            var connection = ConnectionInfo.Load(path);
            // Logs go to stderr (Jupyter shows it in its console); cells' console output goes to the notebook.
            // Console output outside any running cell (e.g. an abandoned cell) joins the log, never the kernel's stdout.
            var log = Console.Error;
            Console.SetOut(log);
            using var server = new JupyterKernel(connection, log, Environment.CurrentDirectory);
            await server.RunAsync(cancel);
            return 0;
        }));

        var user = new Option<bool>("--user") { Description = "Install for the current user (the default)" };
        var prefix = new Option<string?>("--prefix") { Description = "Install under PREFIX/share/jupyter/kernels (e.g. a virtual environment)" };
        var name = new Option<string>("--name") { Description = "Kernelspec name; use another name to keep a .NET Interactive install", DefaultValueFactory = _ => KernelSpec.DefaultName };
        var displayName = new Option<string?>("--display-name") { Description = "Name shown in the kernel picker (default: .NET (C#) for the default name, else C# (Workbench NAME))" };
        var install = new Command("install", "Write the kernelspec so Jupyter and VS Code can start this kernel");
        install.Options.Add(user);
        install.Options.Add(prefix);
        install.Options.Add(name);
        install.Options.Add(displayName);
        install.SetAction(result => CommandRunner.Run(() =>
        {
            string? prefixValue = result.GetValue(prefix);
            if (prefixValue is not null && result.GetValue(user)) throw new ArgumentException("give --user or --prefix, not both");
            string kernelName = result.GetValue(name)!;
            string shown = result.GetValue(displayName)
                ?? (kernelName == KernelSpec.DefaultName ? KernelSpec.DefaultDisplayName : $"C# (Workbench {kernelName})");
            string kernels = prefixValue is null ? KernelSpec.UserKernelsDirectory() : KernelSpec.PrefixKernelsDirectory(prefixValue);
            string folder = KernelSpec.Install(kernels, kernelName, shown, Launcher());
            Console.WriteLine($"installed kernelspec '{kernelName}' ({shown}) in {folder}");
            return 0;
        }));
        kernel.Subcommands.Add(install);
        return kernel;
    }

    /// <summary>The command that starts this very build of workbench: the dotnet host + workbench.dll, or the apphost.</summary>
    private static string[] Launcher()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program is running");
        string assembly = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("cannot tell where workbench.dll is");
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, assembly] : [process];
    }
}
