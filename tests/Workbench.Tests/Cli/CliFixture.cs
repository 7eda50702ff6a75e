// CLI tests: `workbench` started as a process, as a user starts it, on a tiny generated data root.
using System.Text.Json.Nodes;
using Workbench.Tests.Data;
using Workbench.Tests.Engine;
using Workbench.Tests.Kernel;

namespace Workbench.Tests.Cli;

/// <summary>What a command printed (standard output and error together) and its exit code.</summary>
public sealed record CliResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}:\n{Output}";
}

/// <summary>
/// A tiny BCCD layout (4 classes x 12 images per side, 4x4 PNGs), its own image cache, and torchvision ResNet-18 files
/// written by Debian's PyTorch, shared by the CLI test classes.
/// </summary>
public sealed class CliFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public CliFixture()
    {
        DataRoot = _temp.Folder("data");
        TinyLayouts.Bccd(DataRoot, sources: 6, copies: 2, "TRAIN", "TEST");
        CacheDir = _temp.Folder("cache");
    }

    public string DataRoot { get; }

    public string CacheDir { get; }

    /// <summary>A fresh folder for one test.</summary>
    public string Folder(string name) => _temp.Folder(name + "-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>torchvision's resnet18 state dict (1,000-class head) as torchvision saves it: an OrderedDict, zip format.</summary>
    public static string TorchvisionResNet18 => TorchvisionFile.Make(1000, "zip");

    /// <summary>Runs `workbench ARGS` to completion.</summary>
    public static CliResult Workbench(params string[] arguments) => Workbench(arguments, timeoutSeconds: 300);

    public static CliResult Workbench(string[] arguments, int timeoutSeconds, string? workingDirectory = null)
    {
        var (exit, output) = JupyterTools.Run("dotnet", [JupyterTools.WorkbenchDll, .. arguments],
            new Dictionary<string, string> { ["OMP_WAIT_POLICY"] = "PASSIVE", ["NO_COLOR"] = "1" }, workingDirectory, timeoutSeconds);
        return new CliResult(exit, output);
    }

    /// <summary>The data options every data command gets here: the tiny root, its own cache.</summary>
    public string[] DataOptions => ["--data-root", DataRoot, "--cache-dir", CacheDir];

    /// <summary>A small, fast experiment config on the tiny data (smallcnn, 16 px), as JSON for `run --config`.</summary>
    public static JsonObject RunConfig(string recipe = "al", int rounds = 2, int epochs = 2) => new()
    {
        ["dataSet"] = "bccd", ["split"] = "paper", ["seed"] = 0, ["imageSize"] = 16, ["architecture"] = "smallcnn",
        ["initialisation"] = "scratch", ["initialFraction"] = 0.25, ["recipe"] = recipe, ["activeLearning"] = "random",
        ["budget"] = 4, ["rounds"] = rounds, ["epochs"] = epochs, ["batchSize"] = 8, ["learningRate"] = 0.01, ["evalBatchSize"] = 16,
    };

    /// <summary>Writes <paramref name="config"/> to a config.json in a fresh folder; returns its path.</summary>
    public string WriteConfig(JsonObject config, string name = "config")
    {
        var path = Path.Combine(Folder(name), "config.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    public void Dispose() => _temp.Dispose();
}
