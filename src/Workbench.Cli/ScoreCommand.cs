using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Workbench.Data;
using Workbench.Distributed;
using Workbench.Engine;

namespace Workbench.Cli;

/// <summary>
/// `workbench score`: a model's class probabilities for a part of a data set, written as CSV -- the pool scoring of
/// every round, on its own, so that a large pool can be scored by several ranks (`--nproc`, or MASTER_ADDR/...).
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var distributed = new DistributedOptions();
        var dataset = new Option<string>("--dataset") { Description = $"One of: {string.Join(", ", DataSets.Names)}", DefaultValueFactory = _ => "bccd" };
        var split = new Option<string>("--split") { Description = $"One of: {string.Join(", ", SplitName.Names)}", DefaultValueFactory = _ => "paper" };
        var part = new Option<string>("--part") { Description = "test, train or all", DefaultValueFactory = _ => "test" };
        var arch = new Option<string>("--arch") { Description = "resnet18, senet8, smallcnn or cnn4", DefaultValueFactory = _ => "smallcnn" };
        var size = new Option<int>("--size") { Description = "Image side in pixels", DefaultValueFactory = _ => 48 };
        var crop = CropOption.Create();
        var seed = new Option<int>("--seed") { Description = "Split seed (and the initialisation when no checkpoint is given)", DefaultValueFactory = _ => 0 };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Weights to score with (e.g. train --save)" };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 256 };
        var output = new Option<string>("--out") { Description = "CSV file: id, file, label, one probability column per class", Required = true };
        var command = new Command("score", "Score a data set's images with a model and write the class probabilities");
        foreach (var option in new Option[] { dataset, split, part, arch, size, crop, seed, checkpoint, batch, output })
            command.Options.Add(option);
        common.AddTo(command);
        distributed.AddTo(command);

        command.SetAction(result => CommandRunner.Run(() =>
        {
            if (distributed.LaunchIfAsked(result) is { } exitCode) return exitCode;
            common.ConfigureEngine(result);
            using var group = DistributedOptions.Join();
            var set = DataSets.Load(result.GetValue(dataset)!, common.ResolveDataRoot(result));
            using var cached = DistributedOptions.RootFirst(group, () => Progress.LoadImages(common.Cache(result), set, result.GetValue(size), CropOption.Parse(result, crop)));
            var data = cached.Data;
            var parts = Splits.Create(result.GetValue(split)!, data, result.GetValue(seed));
            IReadOnlyList<int> ids = result.GetValue(part) switch
            {
                "test" => parts.TestIds,
                "train" => parts.TrainIds,
                "all" => Enumerable.Range(0, data.Samples.Count).ToArray(),
                var other => throw new ArgumentException($"--part {other}: use test, train or all"),
            };
            using var images = cached.Images.ToImageSet();
            using var model = Model.Create(ArchitectureNames.Parse(result.GetValue(arch)!), data.ClassNames.Count, result.GetValue(seed), result.GetValue(common.Device)!);
            if (result.GetValue(checkpoint) is { } weights) model.Load(weights, strict: true);
            group?.Broadcast(model);  // every rank scores with rank 0's weights
            var clock = Stopwatch.StartNew();
            var predictions = group is null
                ? model.Predict(images, ids, result.GetValue(batch), embeddings: false)
                : DistributedScoring.Predict(group, model, images, ids, result.GetValue(batch), embeddings: false);
            if (predictions is null) return 0;  // only rank 0 writes
            var path = result.GetValue(output)!;
            WriteCsv(path, data, ids, predictions);
            Terminal.Line(
                $"scored {ids.Count} images in {clock.Elapsed.TotalSeconds:F1}s on {group?.WorldSize ?? 1} rank(s) x {Runtime.Threads} threads: {path}");
            return 0;
        }));
        return command;
    }

    private static void WriteCsv(string path, DataSet data, IReadOnlyList<int> ids, Predictions predictions)
    {
        var text = new StringBuilder("id,file,label");
        foreach (var name in data.ClassNames) text.Append(",p_").Append(name);
        text.Append('\n');
        for (int i = 0; i < ids.Count; i++)
        {
            var sample = data.Samples[ids[i]];
            text.Append(ids[i].ToString(CultureInfo.InvariantCulture)).Append(',').Append(sample.RelativePath.Replace(',', '_'))
                .Append(',').Append(sample.ClassName);
            foreach (var p in predictions.Row(i)) text.Append(',').Append(p.ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }
}
