using System.CommandLine;
using System.Diagnostics;
using Workbench.Data;
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Metrics;
using Workbench.Config;
using Workbench.Pretraining;
using Workbench.Distributed;

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
        var split = new Option<string>("--split") { Description = $"One of: {string.Join(", ", SplitName.Names)}", DefaultValueFactory = _ => "paper" };
        var arch = new Option<string>("--arch") { Description = "resnet18, senet8, smallcnn or cnn4", DefaultValueFactory = _ => "smallcnn" };
        var size = new Option<int>("--size") { Description = "Image side in pixels", DefaultValueFactory = _ => 48 };
        var crop = CropOption.Create();
        var fraction = new Option<double>("--labelled-fraction") { Description = "Labelled share of the training part (stratified)", DefaultValueFactory = _ => 0.02 };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 40 };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Step budget (caps epochs on large labelled sets)" };
        var minSteps = new Option<int?>("--min-steps") { Description = "Step floor (adds epochs on small labelled sets)" };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 64 };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => 0.01 };
        var decay = new Option<double>("--weight-decay") { DefaultValueFactory = _ => new SgdOptions().WeightDecay };
        var schedule = new Option<LearningRateSchedule>("--schedule") { Description = "Constant or Cosine (per step)" };
        var warmup = new Option<int>("--warmup-epochs") { Description = "Linear warm-up epochs before the schedule" };
        var augment = new Option<Augmentation>("--augment")
        {
            Description = "Comma-separated: Rotate, Rotate90, HorizontalFlip, VerticalFlip, Shift, None",
            DefaultValueFactory = _ => new FitOptions().Augmentation,
        };
        var validation = new Option<int>("--validation")
        {
            Description = "Score N random unlabelled images of the training part instead of the test part (a tuning-only oracle: "
                + "their true labels are known in simulation); the test part is then not evaluated",
        };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0 };
        var init = new Option<string?>("--init")
        {
            Description = "Weights to start from: a checkpoint or a torchvision state dict file, or 'pretrained' (the cached SimCLR checkpoint "
                + "of this data set, split, seed, size and architecture; pretrained first when missing, see --pretrain-*)",
        };
        var pretraining = new PretrainOptionsGroup("pretrain-");
        var save = new Option<string?>("--save") { Description = "Write the trained model's checkpoint here" };
        var distributed = new DistributedOptions();
        var command = new Command("train", "Train a classifier on a labelled subset and report test accuracy");
        var fixmatch = new Option<bool>("--fixmatch") { Description = "Consistency training (FixMatch): learn from the training part's unlabelled images too (not the validation images); see --fixmatch-* / --strong-*" };
        var consistency = new ConsistencyOptionsGroup();
        foreach (var option in new Option[] { dataset, split, arch, size, crop, fraction, epochs, maxSteps, minSteps, batch, lr, decay, schedule, warmup, augment, validation, seed, init, save, fixmatch })
            command.Options.Add(option);
        consistency.AddTo(command);
        pretraining.AddTo(command);
        common.AddTo(command);
        distributed.AddTo(command);

        FitOptions Options(ParseResult result)
        {
            var options = new FitOptions
            {
                Epochs = result.GetValue(epochs), MaxSteps = result.GetValue(maxSteps), MinSteps = result.GetValue(minSteps), BatchSize = result.GetValue(batch),
                Sgd = new SgdOptions(result.GetValue(lr), WeightDecay: result.GetValue(decay)), Seed = result.GetValue(seed),
                Schedule = result.GetValue(schedule), WarmupEpochs = result.GetValue(warmup), Augmentation = result.GetValue(augment),
            };
            options.Validate();
            return options;
        }

        // Loads the starting weights into the model; returns the start's name for the report.
        string Initialise(ParseResult result, Model model, Architecture architecture, CachedImages cached, Split parts, double labelledFraction)
        {
            string initName = result.GetValue(init) ?? "scratch";
            if (initName == "pretrained")
            {
                var config = new ExperimentConfig
                {
                    DataSet = result.GetValue(dataset)!, Split = result.GetValue(split)!, Seed = result.GetValue(seed), ImageSize = result.GetValue(size), CropPixels = cached.Crop,
                    Architecture = architecture.ToName(), InitialFraction = labelledFraction, Device = result.GetValue(common.Device)!,
                };
                var pretrainOptions = pretraining.Parse(result);
                using (var experimentData = ExperimentData.FromCache(cached, parts))
                {
                    var checkpoint = PretrainOptionsGroup.Ensure(config, experimentData, new PretrainedCache(common.Cache(result).Directory), pretrainOptions);
                    Terminal.Line($"init from {checkpoint.Path}: {model.Load(checkpoint.Path, strict: false)}");
                }
                initName = $"pretrained:{PretrainKey.For(config, pretrainOptions).MethodTag}";
            }
            else if (result.GetValue(init) is { } weights)
                Terminal.Line($"init from {weights}: {ModelInitialiser.LoadInitialWeights(model, weights)}");
            return initName;
        }

        command.SetAction(result => CommandRunner.Run(() =>
        {
            if (distributed.LaunchIfAsked(result) is { } exitCode) return exitCode;
            common.ConfigureEngine(result);
            var architecture = ArchitectureNames.Parse(result.GetValue(arch)!);
            var options = Options(result);
            int cropPixels = CropOption.Parse(result, crop);
            var labelledFraction = result.GetValue(fraction);
            if (labelledFraction is <= 0 or > 1)
                throw new ArgumentOutOfRangeException("--labelled-fraction", labelledFraction, "must be in (0, 1]");

            using var group = DistributedOptions.Join();
            var set = DataSets.Load(result.GetValue(dataset)!, common.ResolveDataRoot(result));
            using var cached = DistributedOptions.RootFirst(group, () => Progress.LoadImages(common.Cache(result), set, result.GetValue(size), cropPixels));
            var data = cached.Data;
            var parts = Splits.Create(result.GetValue(split)!, data, result.GetValue(seed));
            var labelled = InitialLabels.ByFraction(data, parts.TrainIds, labelledFraction, result.GetValue(seed));
            var labels = labelled.Select(id => data.Samples[id].Label).ToArray();
            Terminal.Line(
                $"split {parts.Name}: {parts.TrainIds.Count} train / {parts.TestIds.Count} test; {labelled.Count} labelled ({labelledFraction:P1})");

            using var images = cached.Images.ToImageSet();
            using var model = Model.Create(architecture, data.ClassNames.Count, result.GetValue(seed), result.GetValue(common.Device)!);
            string initName = Initialise(result, model, architecture, cached, parts, labelledFraction);

            var clock = Stopwatch.StartNew();
            var validationCount = result.GetValue(validation);
            var scored = validationCount > 0 ? ValidationIds(parts.TrainIds, labelled, validationCount, result.GetValue(seed)) : parts.TestIds;
            var unlabelled = result.GetValue(fixmatch) ? Unlabelled(consistency.Parse(result), parts.TrainIds, labelled.Concat(scored).ToHashSet(), data)
                : consistency.AnyGiven(result) ? throw new ArgumentException("--fixmatch-*, --unlabelled-ratio and --strong-* need --fixmatch") : null;
            var fit = FitWithProgress(model, images, labelled, labels, ClassWeights.FromCounts(data.CountsPerClass(labelled)), options, group, unlabelled);
            var predictions = group is null ? model.Predict(images, scored) : DistributedScoring.Predict(group, model, images, scored);
            if (group is not null)
                Console.WriteLine($"rank {group.Rank} of {group.WorldSize}: {fit.Steps} steps, model checksum {model.Checksum():R}, trained in {fit.Duration.TotalSeconds:F1}s on {Runtime.Threads} threads");
            if (predictions is null) return 0;  // only rank 0 reports and writes
            string measured = validationCount > 0 ? $"validation ({scored.Count} unlabelled training images)" : "test";
            string setting = $"{architecture.ToName()}, {result.GetValue(size)}px{NucleusCrop.Tag(cropPixels)}";
            Print(fit, predictions, scored.Select(id => data.Samples[id].Label).ToArray(), data.ClassNames, measured, setting,
                $"{clock.Elapsed.TotalSeconds:F0}s in all on {(group is null ? "" : $"{group.WorldSize} ranks x ")}{Runtime.Threads} threads, init {initName}");
            if (result.GetValue(save) is { } path)
            {
                model.Save(path);
                Console.WriteLine($"saved {path}");
            }
            return 0;
        }));
        return command;
    }

    // The training part's images neither labelled nor scored, for FixMatch's unlabelled batches.
    private static ConsistencyTraining Unlabelled(ConsistencyOptions options, IReadOnlyList<int> trainIds, HashSet<int> excluded, DataSet data)
    {
        var pool = trainIds.Where(id => !excluded.Contains(id)).ToArray();
        var unlabelled = new ConsistencyTraining(pool, options, pool.Select(id => data.Samples[id].Label).ToArray());
        Terminal.Line($"fixmatch: {pool.Length} unlabelled training images, {options.UnlabelledRatio} per labelled image in a step, threshold {options.Threshold}");
        return unlabelled;
    }

    // The per-class report and the one result line that bench/*-sweep.sh parse: keep its wording.
    private static void Print(FitResult fit, Predictions predictions, int[] truth, IReadOnlyList<string> classNames, string measured, string setting, string time)
    {
        if (fit.Epochs[^1].Consistency is { } last)
            Console.WriteLine($"fixmatch, last epoch: mask rate {last.MaskRate:P1}, pseudo-label precision {last.Precision:P1}, unlabelled loss {last.UnlabelledLoss:F3}");
        var report = ClassificationReport.Create(truth, Enumerable.Range(0, predictions.Count).Select(predictions.ArgMax).ToArray(), classNames);
        Console.WriteLine(report.ToText());
        Terminal.Strong(
            $"{measured} accuracy {report.Accuracy:P2}, macro-F1 {report.MacroF1:F4} ({setting}, {fit.Steps} steps, last epoch loss {fit.Epochs[^1].Loss:F3} train acc {fit.Epochs[^1].Accuracy:P0}, trained in {fit.Duration.TotalSeconds:F1}s, {time})");
    }

    /// <summary>
    /// A seeded random sample of the training part's unlabelled images: the same for every recipe at a seed, so that
    /// recipes are compared on the same images, and disjoint from the test part, so that tuning never sees it.
    /// </summary>
    private static IReadOnlyList<int> ValidationIds(IReadOnlyList<int> trainIds, IReadOnlyList<int> labelled, int count, int seed)
    {
        var taken = labelled.ToHashSet();
        var pool = trainIds.Where(id => !taken.Contains(id)).ToArray();
        new Random(seed ^ 0x5A17).Shuffle(pool);
        return [.. pool.Take(count).Order()];
    }

    private static FitResult FitWithProgress(Model model, ImageSet images, IReadOnlyList<int> ids, IReadOnlyList<int> labels,
        float[] weights, FitOptions options, ProcessGroup? group, ConsistencyTraining? unlabelled)
    {
        FitResult fit = null!;
        Terminal.Progress(bars =>
        {
            var task = bars.Add("training", options.Epochs);
            fit = TrainingLoop.Fit(model, images, ids, labels, weights, options, new Progress<EpochResult>(epoch =>
            {
                task.MaxValue = epoch.Epochs;
                task.Value = epoch.Epoch;
                task.Description = $"training: epoch {epoch.Epoch}/{epoch.Epochs} loss {epoch.Loss:F3} acc {epoch.Accuracy:P0}"
                    + (epoch.Consistency is { } c ? $" mask {c.MaskRate:P0} precision {c.Precision:P0}" : "");
            }), group: group, consistency: unlabelled);
            task.Complete();
        });
        return fit;
    }
}
