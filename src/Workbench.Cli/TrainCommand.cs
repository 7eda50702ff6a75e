using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Workbench.Data;
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Metrics;
using Workbench.Config;

namespace Workbench.Cli;

/// <summary>
/// `workbench train`: one supervised run (the baseline of every experiment): cache images, split,
/// pick the labelled subset, train, and report test accuracy and per-class metrics.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var dataset = new Option<string>("--dataset") { Description = $"One of: {string.Join(", ", DataSets.Names)}", DefaultValueFactory = _ => "bccd" };
        var split = new Option<string>("--split") { Description = $"One of: {string.Join(", ", Splits.Names)}", DefaultValueFactory = _ => "paper" };
        var arch = new Option<string>("--arch") { Description = "resnet18, senet8 or smallcnn", DefaultValueFactory = _ => "smallcnn" };
        var size = new Option<int>("--size") { Description = "Image side in pixels", DefaultValueFactory = _ => 48 };
        var fraction = new Option<double>("--labelled-fraction") { Description = "Labelled share of the training part (stratified)", DefaultValueFactory = _ => 0.02 };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 40 };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Step budget (caps epochs on large labelled sets)" };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 64 };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => 0.01 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0 };
        var init = new Option<string?>("--init") { Description = "Weights to start from: a checkpoint or a torchvision state dict file" };
        var save = new Option<string?>("--save") { Description = "Write the trained model's checkpoint here" };
        var command = new Command("train", "Train a classifier on a labelled subset and report test accuracy");
        foreach (var option in new Option[] { dataset, split, arch, size, fraction, epochs, maxSteps, batch, lr, seed, init, save })
            command.Options.Add(option);
        common.AddTo(command);

        command.SetAction(result => CommandRunner.Run(() =>
        {
            common.ConfigureEngine(result);
            var architecture = ArchitectureNames.Parse(result.GetValue(arch)!);
            var options = new FitOptions
            {
                Epochs = result.GetValue(epochs), MaxSteps = result.GetValue(maxSteps), BatchSize = result.GetValue(batch),
                Sgd = new SgdOptions(result.GetValue(lr)), Seed = result.GetValue(seed),
            };
            options.Validate();
            var labelledFraction = result.GetValue(fraction);
            if (labelledFraction is <= 0 or > 1)
                throw new ArgumentOutOfRangeException("--labelled-fraction", labelledFraction, "must be in (0, 1]");

            var set = DataSets.Load(result.GetValue(dataset)!, common.ResolveDataRoot(result));
            using var cached = Progress.LoadImages(common.Cache(result), set, result.GetValue(size));
            var data = cached.Data;
            var parts = Splits.Create(result.GetValue(split)!, data, result.GetValue(seed));
            var labelled = InitialLabels.ByFraction(data, parts.TrainIds, labelledFraction, result.GetValue(seed));
            var labels = labelled.Select(id => data.Samples[id].Label).ToArray();
            AnsiConsole.MarkupLineInterpolated(
                $"split {parts.Name}: {parts.TrainIds.Count} train / {parts.TestIds.Count} test; {labelled.Count} labelled ({labelledFraction:P1})");

            using var images = cached.Images.ToImageSet();
            using var model = Model.Create(architecture, data.ClassNames.Count, result.GetValue(seed), result.GetValue(common.Device)!);
            if (result.GetValue(init) is { } weights)
                AnsiConsole.MarkupLineInterpolated($"init from {weights}: {model.Load(weights, strict: false)}");

            var clock = Stopwatch.StartNew();
            var fit = FitWithProgress(model, images, labelled, labels, ClassWeights.FromCounts(data.CountsPerClass(labelled)), options);
            var predictions = model.Predict(images, parts.TestIds);
            var predicted = Enumerable.Range(0, predictions.Count).Select(predictions.ArgMax).ToArray();
            var truth = parts.TestIds.Select(id => data.Samples[id].Label).ToArray();
            var report = ClassificationReport.Create(truth, predicted, data.ClassNames);
            Console.WriteLine(report.ToText());
            AnsiConsole.MarkupLineInterpolated(
                $"[bold]test accuracy {report.Accuracy:P2}[/], macro-F1 {report.MacroF1:F4} ({architecture.ToName()}, {result.GetValue(size)}px, {fit.Steps} steps, {clock.Elapsed.TotalSeconds:F0}s on {Runtime.Threads} threads, init {(result.GetValue(init) ?? "scratch")})");
            if (result.GetValue(save) is { } path)
            {
                model.Save(path);
                Console.WriteLine($"saved {path}");
            }
            return 0;
        }));
        return command;
    }

    private static FitResult FitWithProgress(Model model, ImageSet images, IReadOnlyList<int> ids, IReadOnlyList<int> labels,
        float[] weights, FitOptions options)
    {
        FitResult fit = null!;
        AnsiConsole.Progress().Columns(Progress.Columns()).Start(context =>
        {
            var task = context.AddTask("training", maxValue: options.Epochs);
            fit = Fitter.Fit(model, images, ids, labels, weights, options, new Progress<EpochResult>(epoch =>
            {
                task.MaxValue = epoch.Epochs;
                task.Value = epoch.Epoch;
                task.Description = $"training: epoch {epoch.Epoch}/{epoch.Epochs} loss {epoch.Loss:F3} acc {epoch.Accuracy:P0}";
            }));
            task.Value = task.MaxValue;
        });
        return fit;
    }
}
