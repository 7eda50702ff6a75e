using System.Globalization;
using System.Text;
using Workbench.Bench;
using Workbench.Config;
using Workbench.Data;
using Workbench.Engine;

// Workbench vs PyTorch (each layout PyTorch offers on CPU) on this machine, in one run. usage:
//   dotnet run -c Release --project bench/Workbench.Bench -- [--sizes 64,112] [--train-steps N] [--infer-batches N]
//        [--repeat N] [--round] [--round-only] [--round-size 64] [--pool 6222] [--epoch-images 2048]
//        [--skip-pytorch] [--skip-data] [--quick] [--quick-only] [--precision fp32|bf16|auto] [--out bench/results.md]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string Arg(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
var sizes = Arg("--sizes", "64,112").Split(',').Select(int.Parse).ToArray();
int trainSteps = int.Parse(Arg("--train-steps", "20")), inferBatches = int.Parse(Arg("--infer-batches", "6"));
int repeat = int.Parse(Arg("--repeat", "3")), roundSize = int.Parse(Arg("--round-size", "64"));
int pool = int.Parse(Arg("--pool", "6222")), epochImages = int.Parse(Arg("--epoch-images", "2048"));
bool skipPyTorch = args.Contains("--skip-pytorch"), roundOnly = args.Contains("--round-only");
bool quickOnly = args.Contains("--quick-only"), quick = quickOnly || args.Contains("--quick");
bool round = roundOnly || args.Contains("--round"), skipData = roundOnly || quickOnly || args.Contains("--skip-data");
var output = Arg("--out", "");
var script = Path.Combine(AppContext.BaseDirectory, "pytorch_resnet18.py");

Runtime.EnsureConfigured();
// Every engine model of the run computes in this precision; PyTorch then runs under its CPU autocast (bf16) or not.
Runtime.Precision = Precisions.Resolve(Arg("--precision", "fp32"), CpuFeatures.Current);
var report = new StringBuilder();
void Line(string text) { Console.WriteLine(text); report.AppendLine(text); }
string loadBefore = LoadAverage();
Line($"# Workbench benchmark ({DateTime.UtcNow:yyyy-MM-dd})");
Line("");
Line($"Machine: {Environment.ProcessorCount} cores ({CpuFeatures.Current}), {Runtime.Threads} libtorch threads on both sides, engine {Runtime.Version}.");
Line(Runtime.Precision == Precision.Bf16
    ? "Precision: **bf16** on both sides: the engine's `--precision bf16`, PyTorch under `torch.autocast(\"cpu\", dtype=torch.bfloat16)` (loss in float32)."
    : "Precision: fp32 on both sides.");
if (!quickOnly) Line($"ResNet-18, 4 classes, random uint8 images resident in memory. Training: SGD momentum 0.9, batch 64, {trainSteps} timed steps " +
     $"after 3 warm-up steps. Inference: batch 256, softmax, {inferBatches} timed batches after 1 warm-up batch.");
Line($"Engine and PyTorch run interleaved (engine, PyTorch, engine, ...), {repeat} runs each; every figure is the median of its runs.");

string F1(double v) => v.ToString("F1");
double fastestTrainBatchesPerSecond = 1e-9;
if (!roundOnly && !quickOnly)
{
    var ours = sizes.ToDictionary(s => s, _ => new List<EngineThroughput.Result>());
    var theirs = sizes.ToDictionary(s => s, _ => new List<PyTorchThroughput.Result>());
    var oursFp32 = sizes.ToDictionary(s => s, _ => new List<EngineThroughput.Result>());
    for (int r = 0; r < repeat; r++)
        foreach (var size in sizes)
        {
            ours[size].Add(EngineThroughput.Measure(size, trainSteps, inferBatches, Runtime.Precision));
            // In a bf16 run the engine's own fp32 figure, interleaved too: what bf16 gains on this CPU.
            if (Runtime.Precision != Precision.Fp32) oursFp32[size].Add(EngineThroughput.Measure(size, trainSteps, inferBatches, Precision.Fp32));
            if (!skipPyTorch) theirs[size].Add(PyTorchThroughput.Measure(script, size, trainSteps, inferBatches, Runtime.Threads));
            Console.Error.WriteLine($"run {r + 1}/{repeat}, {size} px done (load {LoadAverage()})");
        }
    string[] trainLayouts = ["nchw", "channels_last"], inferLayouts = ["nchw", "channels_last", "channels_last_inference_mode"];
    string Them(int size, Func<PyTorchThroughput.Result, IReadOnlyDictionary<string, double>> pick, string layout) =>
        theirs[size].Count == 0 ? "-" : F1(Median(theirs[size].Select(t => pick(t)[layout])));
    string Ratio(int size, double ours_, Func<PyTorchThroughput.Result, IReadOnlyDictionary<string, double>> pick, string[] layouts) =>
        theirs[size].Count == 0 ? "-" : (ours_ / layouts.Max(l => Median(theirs[size].Select(t => pick(t)[l])))).ToString("F2");

    Line("");
    Line("Training, img/s (ratio: Workbench / the faster PyTorch layout):");
    Line("");
    Line("| size | Workbench | PyTorch NCHW | PyTorch channels_last | ratio vs best PyTorch | Workbench + rotate/flip/shift |");
    Line("|---|---|---|---|---|---|");
    foreach (var size in sizes)
    {
        double train = Median(ours[size].Select(o => o.TrainImagesPerSecond));
        fastestTrainBatchesPerSecond = Math.Max(fastestTrainBatchesPerSecond, train / 64);
        Line($"| {size} | {F1(train)} | {Them(size, t => t.Train, "nchw")} | {Them(size, t => t.Train, "channels_last")} " +
             $"| {Ratio(size, train, t => t.Train, trainLayouts)} | {F1(Median(ours[size].Select(o => o.TrainAugmentedImagesPerSecond)))} |");
    }
    Line("");
    Line("Inference, img/s (ratio: Workbench / the fastest PyTorch variant; \"eager BN\": the engine without its folded inference copy):");
    Line("");
    Line("| size | Workbench | Workbench eager BN | PyTorch NCHW no_grad | PyTorch channels_last no_grad | PyTorch channels_last inference_mode | ratio vs best PyTorch |");
    Line("|---|---|---|---|---|---|---|");
    foreach (var size in sizes)
    {
        double infer = Median(ours[size].Select(o => o.InferImagesPerSecond));
        Line($"| {size} | {F1(infer)} | {F1(Median(ours[size].Select(o => o.InferEagerImagesPerSecond)))} | {Them(size, t => t.Infer, "nchw")} " +
             $"| {Them(size, t => t.Infer, "channels_last")} | {Them(size, t => t.Infer, "channels_last_inference_mode")} " +
             $"| {Ratio(size, infer, t => t.Infer, inferLayouts)} |");
    }
    if (Runtime.Precision != Precision.Fp32)
    {
        Line("");
        Line($"The engine in {Runtime.Precision.ToName()} against itself in fp32, same run, img/s (ratio: {Runtime.Precision.ToName()} / fp32):");
        Line("");
        Line("| size | train fp32 | train bf16 | ratio | infer fp32 | infer bf16 | ratio |");
        Line("|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            double t32 = Median(oursFp32[size].Select(o => o.TrainImagesPerSecond)), t16 = Median(ours[size].Select(o => o.TrainImagesPerSecond));
            double i32 = Median(oursFp32[size].Select(o => o.InferImagesPerSecond)), i16 = Median(ours[size].Select(o => o.InferImagesPerSecond));
            Line($"| {size} | {F1(t32)} | {F1(t16)} | {t16 / t32:F2} | {F1(i32)} | {F1(i16)} | {i16 / i32:F2} |");
        }
    }
    Line("");
    Line("Every run, img/s (Workbench train / infer; PyTorch best layout train / infer):");
    Line("");
    foreach (var size in sizes)
        Line($"- {size} px: Workbench {string.Join(", ", ours[size].Select(o => $"{F1(o.TrainImagesPerSecond)} / {F1(o.InferImagesPerSecond)}"))}" +
             (theirs[size].Count == 0 ? "" : $"; PyTorch {string.Join(", ", theirs[size].Select(t => $"{F1(t.Train.Values.Max())} / {F1(t.Infer.Values.Max())}"))}"));
}
if (round)
{
    var ourRounds = new List<(double Score, double Epoch)>();
    var theirRounds = new List<(double Score, double Epoch)>();
    for (int r = 0; r < repeat; r++)
    {
        ourRounds.Add(RoundThroughput.Measure(roundSize, pool, epochImages));
        if (!skipPyTorch) theirRounds.Add(PyTorchThroughput.MeasureRound(script, roundSize, pool, epochImages, Runtime.Threads));
        Console.Error.WriteLine($"round run {r + 1}/{repeat} done (load {LoadAverage()})");
    }
    string Seconds(List<(double Score, double Epoch)> runs, bool score) =>
        runs.Count == 0 ? "-" : $"{Median(runs.Select(x => score ? x.Score : x.Epoch)):F2} s";
    string Speedup(bool score) => theirRounds.Count == 0 ? "-" :
        (Median(theirRounds.Select(x => score ? x.Score : x.Epoch)) / Median(ourRounds.Select(x => score ? x.Score : x.Epoch))).ToString("F2");
    Line("");
    Line($"Whole round, ResNet-18 at {roundSize} px (PyTorch: channels_last, inference_mode for scoring; ratio: PyTorch time / Workbench time):");
    Line("");
    Line("| step | Workbench | PyTorch | ratio |");
    Line("|---|---|---|---|");
    Line($"| score a {pool:N0}-image pool: probabilities + 512-d embeddings, batch 256, first call after training | {Seconds(ourRounds, true)} | {Seconds(theirRounds, true)} | {Speedup(true)} |");
    Line($"| one training epoch, {epochImages:N0} images, batch 64, rotate/flip/shift | {Seconds(ourRounds, false)} | {Seconds(theirRounds, false)} | {Speedup(false)} |");
    Line("");
    Line($"Every run, s (score / epoch): Workbench {string.Join(", ", ourRounds.Select(x => $"{x.Score:F2} / {x.Epoch:F2}"))}" +
         (theirRounds.Count == 0 ? "" : $"; PyTorch {string.Join(", ", theirRounds.Select(x => $"{x.Score:F2} / {x.Epoch:F2}"))}"));
}
if (quick)
{
    // One thread, as each worker of a quick reproduction runs (README "Wall time").
    int threadsBefore = Runtime.Threads;
    Runtime.Threads = 1;
    int quickTrainSteps = trainSteps * 5, quickPretrainSteps = Math.Max(4, trainSteps / 2);
    var ourQuick = new List<QuickStepThroughput.Result>();
    var ourQuickFp32 = new List<QuickStepThroughput.Result>();
    var theirQuick = new List<(IReadOnlyDictionary<string, double> Train, IReadOnlyDictionary<string, double> Pretrain)>();
    for (int r = 0; r < repeat; r++)
    {
        ourQuick.Add(QuickStepThroughput.Measure(quickTrainSteps, quickPretrainSteps, Runtime.Precision));
        if (Runtime.Precision != Precision.Fp32) ourQuickFp32.Add(QuickStepThroughput.Measure(quickTrainSteps, quickPretrainSteps, Precision.Fp32));
        if (!skipPyTorch) theirQuick.Add(PyTorchThroughput.MeasureQuick(Path.Combine(AppContext.BaseDirectory, "pytorch_cnn4.py"), quickTrainSteps, quickPretrainSteps, 1));
        Console.Error.WriteLine($"quick run {r + 1}/{repeat} done (load {LoadAverage()})");
    }
    Runtime.Threads = threadsBefore;
    string Them(Func<(IReadOnlyDictionary<string, double> Train, IReadOnlyDictionary<string, double> Pretrain), IReadOnlyDictionary<string, double>> pick, string layout) =>
        theirQuick.Count == 0 ? "-" : F1(Median(theirQuick.Select(t => pick(t)[layout])));
    string Ratio(double ours_, Func<(IReadOnlyDictionary<string, double> Train, IReadOnlyDictionary<string, double> Pretrain), IReadOnlyDictionary<string, double>> pick) =>
        theirQuick.Count == 0 ? "-" : (ours_ / new[] { "nchw", "channels_last" }.Max(l => Median(theirQuick.Select(t => pick(t)[l])))).ToString("F2");
    double train = Median(ourQuick.Select(o => o.TrainImagesPerSecond)), pretrain = Median(ourQuick.Select(o => o.PretrainImagesPerSecond));
    Line("");
    Line($"Quick poster profile, 1 libtorch thread on both sides (what each reproduction worker runs), img/s (ratio: Workbench / the faster PyTorch layout); " +
         $"classifier: cnn4, {Presets.QuickImageSize} px, batch {Presets.QuickBatchSize}, quarter turns + flips, {quickTrainSteps} timed steps; " +
         $"SimCLR pretraining: batch {QuickStepThroughput.PretrainBatch} (two views each, one forward pass), {quickPretrainSteps} timed steps:");
    Line("");
    Line("| step | Workbench | PyTorch NCHW | PyTorch channels_last | ratio vs best PyTorch |");
    Line("|---|---|---|---|---|");
    Line($"| classifier training | {F1(train)} | {Them(t => t.Train, "nchw")} | {Them(t => t.Train, "channels_last")} | {Ratio(train, t => t.Train)} |");
    Line($"| SimCLR pretraining (images, 2 views each) | {F1(pretrain)} | {Them(t => t.Pretrain, "nchw")} | {Them(t => t.Pretrain, "channels_last")} | {Ratio(pretrain, t => t.Pretrain)} |");
    if (ourQuickFp32.Count > 0)
    {
        double train32 = Median(ourQuickFp32.Select(o => o.TrainImagesPerSecond)), pretrain32 = Median(ourQuickFp32.Select(o => o.PretrainImagesPerSecond));
        Line("");
        Line($"The engine's quick steps in fp32, same run: classifier {F1(train32)} img/s ({Runtime.Precision.ToName()} / fp32 = {train / train32:F2}), " +
             $"SimCLR {F1(pretrain32)} img/s ({pretrain / pretrain32:F2}).");
    }
    Line("");
    Line($"Every run, img/s (Workbench train / pretrain; PyTorch best layout train / pretrain): Workbench {string.Join(", ", ourQuick.Select(o => $"{F1(o.TrainImagesPerSecond)} / {F1(o.PretrainImagesPerSecond)}"))}" +
         (theirQuick.Count == 0 ? "" : $"; PyTorch {string.Join(", ", theirQuick.Select(t => $"{F1(t.Train.Values.Max())} / {F1(t.Pretrain.Values.Max())}"))}"));
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
Line("");
Line($"Load average (1, 5, 15 min) at the start: {loadBefore}; at the end: {LoadAverage()}.");
if (output.Length > 0) File.WriteAllText(output, report.ToString());

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string LoadAverage()
{
    try { return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
    catch (IOException) { return "unknown"; }
}

