using System.Globalization;
using System.Text;
using Workbench.Bench;
using Workbench.Data;
using Workbench.Engine;

// Workbench vs PyTorch on this machine, in one run. usage:
//   dotnet run -c Release --project bench/Workbench.Bench -- [--sizes 64,112] [--train-steps N] [--infer-batches N]
//        [--skip-pytorch] [--skip-data] [--out bench/results.md]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string Arg(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
var sizes = Arg("--sizes", "64,112").Split(',').Select(int.Parse).ToArray();
int trainSteps = int.Parse(Arg("--train-steps", "30")), inferBatches = int.Parse(Arg("--infer-batches", "8"));
bool skipPyTorch = args.Contains("--skip-pytorch"), skipData = args.Contains("--skip-data");
var output = Arg("--out", "");
var script = Path.Combine(AppContext.BaseDirectory, "pytorch_resnet18.py");

Runtime.EnsureConfigured();
var report = new StringBuilder();
void Line(string text) { Console.WriteLine(text); report.AppendLine(text); }
Line($"# Workbench benchmark ({DateTime.UtcNow:yyyy-MM-dd})");
Line("");
Line($"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {Runtime.Threads} libtorch threads, engine {Runtime.Version}.");
Line($"ResNet-18, 4 classes, SGD momentum 0.9, batch 64 (inference 256), {trainSteps} timed training steps after 3 warm-up steps, random uint8 images.");
Line("");
Line("| size | Workbench train img/s | PyTorch train img/s | ratio | Workbench infer img/s | PyTorch infer img/s | ratio | Workbench train + rotate/flip/shift img/s |");
Line("|---|---|---|---|---|---|---|---|");
double fastestTrainBatchesPerSecond = 1e-9;
foreach (var size in sizes)
{
    var ours = EngineThroughput.Measure(size, trainSteps, inferBatches);
    fastestTrainBatchesPerSecond = Math.Max(fastestTrainBatchesPerSecond, ours.TrainImagesPerSecond / 64);
    var theirs = skipPyTorch ? null : PyTorchThroughput.Measure(script, size, trainSteps, inferBatches, Runtime.Threads);
    string Ratio(double a, double? b) => b is { } v ? (a / v).ToString("F2") : "-";
    Line($"| {size} | {ours.TrainImagesPerSecond:F1} | {theirs?.TrainImagesPerSecond.ToString("F1") ?? "-"} | {Ratio(ours.TrainImagesPerSecond, theirs?.TrainImagesPerSecond)} " +
         $"| {ours.InferImagesPerSecond:F1} | {theirs?.InferImagesPerSecond.ToString("F1") ?? "-"} | {Ratio(ours.InferImagesPerSecond, theirs?.InferImagesPerSecond)} | {ours.TrainAugmentedImagesPerSecond:F1} |");
}
if (!skipData)
{
    var data = DataPathThroughput.Measure(DataRoot.Resolve(null), "bccd", 64);
    Line("");
    Line("| data path (bccd, 64px) | value |");
    Line("|---|---|");
    Line($"| decode + resize + write cache, {data.Images} JPEGs (cold) | {data.ColdSeconds:F1} s ({data.Images / data.ColdSeconds:F0} img/s) |");
    Line($"| load from cache (warm) | {data.WarmSeconds:F2} s |");
    Line($"| copy into the engine | {data.EngineCopySeconds:F2} s |");
    Line($"| random 64-image batches gathered from cache | {data.GatherBatchesPerSecond:F0} batches/s ({data.GatherBatchesPerSecond / fastestTrainBatchesPerSecond:F0}x the fastest training step rate) |");
}
if (output.Length > 0) File.WriteAllText(output, report.ToString());

static string CpuModel()
{
    try { return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':')[1].Trim() ?? "unknown CPU"; }
    catch (IOException) { return "unknown CPU"; }
}
