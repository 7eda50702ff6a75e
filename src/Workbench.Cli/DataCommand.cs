using System.CommandLine;
using Spectre.Console;
using Workbench.Data;

namespace Workbench.Cli;

/// <summary>`workbench data check|cache`: inspect a data set, or build its decoded-image cache.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "Inspect data sets and build image caches");
        data.Subcommands.Add(Check());
        data.Subcommands.Add(Cache());
        return data;
    }

    private static Argument<string> DataSetArgument() =>
        new("dataset") { Description = $"One of: {string.Join(", ", DataSets.Names)}" };

    private static Command Check()
    {
        var common = new CommonOptions();
        var dataset = DataSetArgument();
        var markdown = new Option<bool>("--markdown") { Description = "Print the report as Markdown" };
        var command = new Command("check", "Counts per class and split, image sizes, skipped files, duplicates");
        command.Arguments.Add(dataset);
        command.Options.Add(markdown);
        common.AddTo(command, engine: false);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var set = DataSets.Load(result.GetValue(dataset)!, common.ResolveDataRoot(result));
            DataCheckReport report = null!;
            AnsiConsole.Progress().Columns(Progress.Columns()).Start(context =>
            {
                var task = context.AddTask("hashing and sizing", maxValue: set.Count);
                report = DataChecker.Check(set, new Progress<int>(done => task.Value = done));
                task.Value = set.Count;
            });
            Console.WriteLine(result.GetValue(markdown) ? report.ToMarkdown() : report.ToText());
            return 0;
        }));
        return command;
    }

    private static Command Cache()
    {
        var common = new CommonOptions();
        var dataset = DataSetArgument();
        var size = new Option<int>("--size") { Description = "Image side in pixels", DefaultValueFactory = _ => 64 };
        var command = new Command("cache", "Decode and resize a data set once into the on-disk cache");
        command.Arguments.Add(dataset);
        command.Options.Add(size);
        common.AddTo(command, engine: false);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var set = DataSets.Load(result.GetValue(dataset)!, common.ResolveDataRoot(result));
            using var cached = Progress.LoadImages(common.Cache(result), set, result.GetValue(size));
            Console.WriteLine($"{cached.Status} ({cached.CachePath})");
            return 0;
        }));
        return command;
    }
}
