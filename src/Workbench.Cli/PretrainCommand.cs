using System.CommandLine;
using Workbench.Config;
using Workbench.Data;
using Workbench.Pretraining;
using Workbench.Loop;

namespace Workbench.Cli;

/// <summary>
/// `workbench pretrain`: SimCLR pretraining of a backbone on the training side of a split (no labels; the initially
/// labelled images only feed the kNN monitor), cached for `train --init pretrained` and `run` / `reproduce --init pretrained`.
/// </summary>
internal static class PretrainCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var settings = new PretrainOptionsGroup("");
        var dataset = new Option<string>("--dataset") { Description = $"One of: {string.Join(", ", DataSets.Names)}", DefaultValueFactory = _ => "bccd" };
        var split = new Option<string>("--split") { Description = $"One of: {string.Join(", ", SplitName.Names)}", DefaultValueFactory = _ => "paper" };
        var arch = new Option<string>("--arch") { Description = "resnet18, senet8, smallcnn or cnn4", DefaultValueFactory = _ => "cnn4" };
        var size = new Option<int>("--size") { Description = "Image side in pixels", DefaultValueFactory = _ => 32 };
        var fraction = new Option<double>("--labelled-fraction") { Description = "Initially labelled share of the training side: the kNN monitor's images", DefaultValueFactory = _ => 0.02 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0 };
        var crop = CropOption.Create();
        var command = new Command("pretrain", "Self-supervised (SimCLR) pretraining on the training side of a split, cached for --init pretrained");
        foreach (var option in new Option[] { dataset, split, arch, size, crop, fraction, seed }) command.Options.Add(option);
        settings.AddTo(command);
        common.AddTo(command);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            common.ConfigureEngine(result);
            var options = settings.Parse(result);
            var config = new ExperimentConfig
            {
                DataSet = result.GetValue(dataset)!, Split = result.GetValue(split)!, Seed = result.GetValue(seed), ImageSize = result.GetValue(size), CropPixels = CropOption.Parse(result, crop),
                Architecture = result.GetValue(arch)!, InitialFraction = result.GetValue(fraction), Device = result.GetValue(common.Device)!,
            };
            config.Validate();
            ExperimentDataProvider.CheckNames(config);
            var cacheDirectory = common.Cache(result);
            using var provider = new ExperimentDataProvider(common.ResolveDataRoot(result), cacheDirectory,
                Terminal.Note);
            using var data = provider.For(config);
            Console.WriteLine($"split {config.Split} seed {config.Seed}: {data.TrainIds.Count} training-side images (pretraining), {data.TestIds.Count} test images (never seen)");
            PretrainOptionsGroup.Ensure(config, data, new PretrainedCache(cacheDirectory.Directory), options);
            return 0;
        }));
        return command;
    }
}
