using System.CommandLine;
using System.Globalization;
using Workbench.Data;
using Workbench.Engine;
using Workbench.Metrics;

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
            var assigned = test.Select(id => map.Find(data.Samples[id].RelativePath)
                ?? throw new InvalidOperationException($"{data.Samples[id].RelativePath} is not in the cell map")).ToArray();
            var cells = new CellIndex(assigned.Select(a => a.Cell).ToArray(), test.Select(id => data.Samples[id].Label).ToArray());
            // Each image its own cell: the interval every number had before, shown beside the cluster one for contrast.
            var naive = new CellIndex(Enumerable.Range(0, test.Count).ToArray(), cells.ImageCell.Select(c => cells.CellLabels[c]).ToArray());

            using var images = cached.Images.ToImageSet();
            var architecture = ArchitectureNames.Parse(result.GetValue(arch)!);
            List<IReadOnlyList<bool>> Correct(string[] files) => files.Select(file =>
            {
                using var model = Model.Create(architecture, data.ClassNames.Count, 0, result.GetValue(common.Device)!);
                model.Load(file, strict: true);
                var predictions = model.Predict(images, test);
                return (IReadOnlyList<bool>)test.Select((id, i) => predictions.ArgMax(i) == data.Samples[id].Label).ToArray();
            }).ToList();
            var a = Correct(mine);
            var options = new ClusterBootstrapOptions(result.GetValue(resamples), result.GetValue(bootstrapSeed));

            Console.WriteLine($"BCCD provided TEST: {cells.ImageCount} images of {cells.CellCount} cells "
                + $"({string.Join(", ", data.ClassNames.Select((n, k) => $"{n} {cells.CellsPerClass[k]}"))}); {mine.Length} model(s)");
            for (int s = 0; s < mine.Length; s++)
            {
                var acc = CellAccuracy.Of(cells, a[s]);
                Console.WriteLine($"  {Path.GetFileName(mine[s])}: per image {Pct(acc.PerImage)}, per cell {Pct(acc.PerCell)}, class-balanced per cell {Pct(acc.ClassBalanced)}");
            }
            Console.WriteLine($"cluster bootstrap over cells{(mine.Length > 1 ? " and seeds" : "")} (within class, {options.Resamples} draws, seed {options.Seed}), 95% percentile intervals:");
            var imageLevel = ClusterBootstrap.Accuracy(naive, a, options)[0];
            foreach (var interval in ClusterBootstrap.Accuracy(cells, a, options))
                Console.WriteLine($"  {interval.Metric,-14} {interval.Format()}");
            Console.WriteLine($"  (images as if independent: per image {imageLevel.Format().Replace($"{naive.CellCount} cells", $"{naive.CellCount} images")})");

            if (theirs.Length > 0)
            {
                var b = Correct(theirs);
                var diffs = ClusterBootstrap.Difference(cells, a, b, options);
                var comparisons = diffs.Select(d => Comparison.From($"{d.Metric} (cluster bootstrap)", d)).ToList();
                if (mine.Length > 1)
                    comparisons.Add(Comparison.From("PerImage (paired t over seeds)", PairedDifference.Of(
                        a.Select(c => CellAccuracy.Of(cells, c).PerImage).ToList(), b.Select(c => CellAccuracy.Of(cells, c).PerImage).ToList())));
                Console.WriteLine(Holm.Adjust("checkpoint - baseline", comparisons).ToText());
            }
            return 0;
        }));
        return command;
    }

    private static string Pct(double v) => (100 * v).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
