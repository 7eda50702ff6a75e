using System.CommandLine;
using Workbench.Data;
using Workbench.Engine;

namespace Workbench.Cli;

/// <summary>Options shared by commands that read data or use the engine.</summary>
internal sealed class CommonOptions
{
    public Option<string?> DataRoot { get; } = new("--data-root")
    {
        Description = $"Folder holding bccd/ and pbc/ (default: ${Workbench.Data.DataRoot.EnvironmentVariable}, else ../shared/datasets found upward)",
    };

    public Option<string?> CacheDir { get; } = new("--cache-dir")
    {
        Description = $"Decoded-image cache folder (default: ${ImageCache.EnvironmentVariable}, else ./data/cache)",
    };

    public Option<int?> Threads { get; } = new("--threads") { Description = "libtorch threads (default: all cores)" };

    public Option<string> Device { get; } = new("--device")
    {
        Description = "cpu, cuda or cuda:N (needs a CUDA build of the engine)",
        DefaultValueFactory = _ => "cpu",
    };

    public Option<string> Precision { get; } = new("--precision")
    {
        Description = "fp32, bf16 (convolutions and matrix products in bfloat16, weights fp32, as PyTorch's CPU autocast) " +
                      "or auto (bf16 only where the CPU has AVX512_BF16 or AMX; see `workbench info`)",
        DefaultValueFactory = _ => "fp32",
    };

    public void AddTo(Command command, bool engine = true)
    {
        command.Options.Add(DataRoot);
        command.Options.Add(CacheDir);
        if (!engine) return;
        command.Options.Add(Threads);
        command.Options.Add(Device);
        command.Options.Add(Precision);
    }

    public string ResolveDataRoot(ParseResult result) => Workbench.Data.DataRoot.Resolve(result.GetValue(DataRoot));

    public ImageCache Cache(ParseResult result) => new(ImageCache.ResolveDirectory(result.GetValue(CacheDir)));

    public void ConfigureEngine(ParseResult result)
    {
        Runtime.EnsureConfigured();
        if (result.GetValue(Threads) is { } threads) Runtime.Threads = threads;
        Runtime.Precision = Precisions.Resolve(result.GetValue(Precision) ?? "fp32", CpuFeatures.Current);
    }
}
