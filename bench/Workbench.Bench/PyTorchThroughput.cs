using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Workbench.Engine;

namespace Workbench.Bench;

/// <summary>Runs bench/pytorch_resnet18.py (or pytorch_cnn4.py) with Debian's PyTorch and reads its JSON line.</summary>
internal static class PyTorchThroughput
{
    /// <summary>img/s per layout: train {nchw, channels_last}, infer {nchw, channels_last, channels_last_inference_mode}.</summary>
    public sealed record Result(int Size, IReadOnlyDictionary<string, double> Train, IReadOnlyDictionary<string, double> Infer,
        string Version);

    public static Result Measure(string script, int size, int trainSteps, int inferBatches, int threads)
    {
        var json = Run(script, size, trainSteps, inferBatches, threads);
        static Dictionary<string, double> Rates(JsonElement e) =>
            e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        return new Result(size, Rates(json.GetProperty("train")), Rates(json.GetProperty("infer")),
            json.GetProperty("torch").GetString() ?? "?");
    }

    /// <summary>The whole-round twin (see RoundThroughput): seconds to score the pool, seconds for one epoch.</summary>
    public static (double ScoreSeconds, double EpochSeconds) MeasureRound(string script, int size, int pool, int epochImages, int threads)
    {
        var json = Run(script, "--round", size, pool, epochImages, threads);
        return (json.GetProperty("score_s").GetDouble(), json.GetProperty("epoch_s").GetDouble());
    }

    /// <summary>The quick profile's steps (see QuickStepThroughput), img/s per layout: train and pretrain {nchw, channels_last}.</summary>
    public static (IReadOnlyDictionary<string, double> Train, IReadOnlyDictionary<string, double> Pretrain) MeasureQuick(
        string script, int trainSteps, int pretrainSteps, int threads)
    {
        var json = Run(script, trainSteps, pretrainSteps, threads);
        static Dictionary<string, double> Rates(JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        return (Rates(json.GetProperty("train")), Rates(json.GetProperty("pretrain")));
    }

    private static JsonElement Run(string script, params object[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        // The engine's precision for every model of this run: the scripts then run under PyTorch's own CPU autocast.
        start.Environment["BENCH_PRECISION"] = Runtime.Precision.ToName();
        start.ArgumentList.Add(script);
        foreach (var arg in args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)!))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"PyTorch benchmark failed (needs Debian python3-torch, python3-torchvision): {error.Result}");
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
