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
            var cpu = CpuFeatures.Current;
            Console.WriteLine($"cpu:     {cpu}");
            Console.WriteLine($"precision auto: {Precisions.Resolve("auto", cpu).ToName()} " +
                              $"({(cpu.HasNativeBf16 ? "native bf16" : "no native bf16: oneDNN would emulate it, slower than fp32")})");
            return 0;
        }));
        return command;
    }
}
