using System.CommandLine;
using Workbench.Data;
using Workbench.Engine;
using Workbench.Metrics;
using Workbench.Records;

namespace Workbench.Cli;

/// <summary>
/// `workbench evaluate`: BCCD `provided` test accuracy per image and per cell, with cluster-bootstrap intervals over the
/// 71 test cells (and over seeds when several checkpoints are given), as design §5 asks of every `provided` number.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var checkpoints = new Option<string[]>("--checkpoint") { Description = "Model weights (train --save); repeat for one model per seed", Required = true };
        var baselines = new Option<string[]>("--baseline") { Description = "Weights of the arm to compare against, one per --checkpoint, same seed order" };
        var dataset = new Option<string>("--dataset") { Description = "bccd", DefaultValueFactory = _ => "bccd" };
        var split = new Option<string>("--split") { Description = "provided (the split whose test cells are known)", DefaultValueFactory = _ => "provided" };
        var arch = new Option<string>("--arch") { Description = "resnet18, senet8, smallcnn or cnn4", DefaultValueFactory = _ => "cnn4" };
        var size = new Option<int>("--size") { Description = "Image side the model was trained at", DefaultValueFactory = _ => 32 };
        var hashSize = CellsCommand.HashSizeOption();
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap draws", DefaultValueFactory = _ => 10_000 };
        var bootstrapSeed = new Option<int>("--bootstrap-seed") { DefaultValueFactory = _ => 0 };
        var command = new Command("evaluate", "Accuracy per image and per source cell with cluster-bootstrap intervals (bccd, provided split)");
        foreach (var option in new Option[] { checkpoints, baselines, dataset, split, arch, size, hashSize, resamples, bootstrapSeed })
            command.Options.Add(option);
        common.AddTo(command);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            if (result.GetValue(dataset)!.Trim().ToLowerInvariant() != "bccd" || result.GetValue(split)!.Trim().ToLowerInvariant() != "provided")
                throw new ArgumentException("evaluate: cells are known for --dataset bccd --split provided only.");
            var mine = result.GetValue(checkpoints)!;
            var theirs = result.GetValue(baselines) ?? [];
            if (theirs.Length > 0 && theirs.Length != mine.Length)
                throw new ArgumentException($"--baseline needs one file per --checkpoint ({mine.Length}), got {theirs.Length}.");
            common.ConfigureEngine(result);
            var root = common.ResolveDataRoot(result);
            var map = CellsCommand.BuildMap(common.Cache(result), root, result.GetValue(hashSize));
            using var cached = Progress.LoadImages(common.Cache(result), DataSets.Load("bccd", root), result.GetValue(size));
            var data = cached.Data;
            var test = Splits.Provided(data).TestIds;
            var cells = TestCells.FromMap("provided", map, data, test);
            using var images = cached.Images.ToImageSet();
            var architecture = ArchitectureNames.Parse(result.GetValue(arch)!);
            List<IReadOnlyList<bool>> Correct(string[] files) => files.Select(file =>
            {
                using var model = Model.Create(architecture, data.ClassNames.Count, 0, result.GetValue(common.Device)!);
                model.Load(file, strict: true);
                var predictions = model.Predict(images, test);
                return (IReadOnlyList<bool>)test.Select((id, i) => predictions.ArgMax(i) == data.Samples[id].Label).ToArray();
            }).ToList();
            var options = new ClusterBootstrapOptions(result.GetValue(resamples), result.GetValue(bootstrapSeed));
            Console.Write(CheckpointEvaluation.Of(cells, data.ClassNames, mine.Select(Path.GetFileName).ToArray()!, Correct(mine),
                theirs.Length > 0 ? Correct(theirs) : null, options).ToText());
            return 0;
        }));
        return command;
    }
}
