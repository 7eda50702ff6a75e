// Distributed tests: a tiny PBC-layout data set and the `workbench` command run as real rank processes.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Workbench.Tests.Data;
using Workbench.Tests.Kernel;

namespace Workbench.Tests.Distributed;

/// <summary>A finished `workbench` process: exit code, everything it wrote, and how long it ran.</summary>
internal sealed record RankRun(int ExitCode, string Output, TimeSpan Elapsed);

internal static class RankProcesses
{
    /// <summary>64 tiny 16 px PNGs in the PBC layout (8 per class), so every class can be learnt a little.</summary>
    public static string TinyDataRoot(TempDirectory temp)
    {
        var root = temp.Folder("data");
        TinyLayouts.Pbc(Path.Combine(root, "pbc"), perFolder: 8, imageSide: 16);
        return root;
    }

    /// <summary>`workbench train` on the tiny set with 1 thread per rank: few seconds.</summary>
    public static List<string> TrainArguments(string dataRoot, string cache, int epochs = 2) =>
    [
        "train", "--dataset", "pbc", "--split", "stratified", "--data-root", dataRoot, "--cache-dir", cache, "--size", "16",
        "--labelled-fraction", "1", "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--batch-size", "8", "--threads", "1",
    ];

    public static RankRun Workbench(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, int timeoutSeconds = 120)
    {
        var clock = Stopwatch.StartNew();
        var env = new Dictionary<string, string> { ["WORKBENCH_THREADS"] = "1" };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) env[k] = v;
        var (code, output) = JupyterTools.Run("dotnet", [JupyterTools.WorkbenchDll, .. arguments], env, timeoutSeconds: timeoutSeconds);
        return new RankRun(code, output, clock.Elapsed);
    }

    /// <summary>One rank started by hand with the torchrun variables, its output collected as it comes.</summary>
    public static (Process Process, StringBuilder Output) Start(IEnumerable<string> arguments, int rank, int worldSize, int port, double timeoutSeconds)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(JupyterTools.WorkbenchDll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["MASTER_ADDR"] = "127.0.0.1";
        start.Environment["MASTER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["WORLD_SIZE"] = worldSize.ToString(CultureInfo.InvariantCulture);
        start.Environment["RANK"] = rank.ToString(CultureInfo.InvariantCulture);
        start.Environment["WORKBENCH_DIST_TIMEOUT"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture);
        start.Environment["WORKBENCH_THREADS"] = "1";
        var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The probability columns of a `workbench score` CSV, by row.</summary>
    public static List<double[]> Probabilities(string csv) =>
        File.ReadAllLines(csv).Skip(1).Select(line => line.Split(',').Skip(3)
            .Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray()).ToList();
}
