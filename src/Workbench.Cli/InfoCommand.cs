using System.CommandLine;
using Workbench.Engine;

namespace Workbench.Cli;

/// <summary>`workbench info`: engine version, threads and devices.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Show the engine version, thread count and available devices");
        command.SetAction(_ => CommandRunner.Run(() =>
        {
            Runtime.EnsureConfigured();
            Console.WriteLine($"engine:  {Runtime.Version}");
            Console.WriteLine($"threads: {Runtime.Threads} (cores: {Environment.ProcessorCount})");
            Console.WriteLine($"cuda:    {(Runtime.CudaAvailable ? "available" : "not available (CPU build or no GPU)")}");
            return 0;
        }));
        return command;
    }
}
