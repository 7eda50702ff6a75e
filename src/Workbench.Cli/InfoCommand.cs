using System.CommandLine;
using Workbench.Engine;
using Workbench.Scoring;
using Workbench.Selection;

namespace Workbench.Cli;

/// <summary>`workbench info`: engine version, threads and devices, and the registered strategies and scorers.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Show the engine version, thread count, available devices, and the strategies and scorers by name");
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
            Console.WriteLine($"query strategies (activeLearning, --query): {string.Join(", ", SelectionStrategies.QueryNames)}");
            Console.WriteLine($"proposal strategies: {string.Join(", ", SelectionStrategies.ProposalNames)}");
            Console.WriteLine($"scorers (topKScorer): {string.Join(", ", Scorers.Names)}");
            return 0;
        }));
        return command;
    }
}
