using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Workbench.Bench;

/// <summary>Runs bench/pytorch_resnet18.py with Debian's PyTorch and reads its JSON line.</summary>
internal static class PyTorchThroughput
{
    public sealed record Result(int Size, double TrainImagesPerSecond, double InferImagesPerSecond, string Version);

    public static Result Measure(string script, int size, int trainSteps, int inferBatches, int threads)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new object[] { script, size, trainSteps, inferBatches, threads }.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)!))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"PyTorch benchmark failed (needs Debian python3-torch, python3-torchvision): {error}");
        var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        return new Result(size, json.GetProperty("train_img_s").GetDouble(), json.GetProperty("infer_img_s").GetDouble(),
            json.GetProperty("torch").GetString() ?? "?");
    }
}
