using System.CommandLine;
using Spectre.Console;
using Workbench.Reproductions;
using Workbench.Loop;
using Workbench.Config;

namespace Workbench.Cli;

/// <summary>`workbench run`: one experiment (a preset or a config file) into a resumable run folder.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var experiment = new ExperimentOptions();
        var protocol = new Argument<string?>("protocol") { Description = "poster or bone-marrow (omit with --config)", Arity = ArgumentArity.ZeroOrOne };
        var config = new Option<string?>("--config") { Description = "A config.json to run instead of a preset" };
        var strategy = new Option<string>("--strategy") { Description = "baseline, ssl, al, ssl+al, cst, cst+al", DefaultValueFactory = _ => "ssl+al" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0 };
        var split = new Option<string?>("--split") { Description = "Override the preset's split (paper, grouped, provided, per-class-N ...)" };
        var rounds = new Option<int?>("--rounds") { Description = "Override the number of rounds (can extend a finished run)" };
        var command = new Command("run", "Run one SSL/AL experiment into a run folder (resumes an interrupted run)");
        command.Arguments.Add(protocol);
        foreach (var option in new Option[] { config, strategy, seed, split, rounds }) command.Options.Add(option);
        experiment.AddTo(command);
        common.AddTo(command);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var chosen = result.GetValue(config) is { } path ? ExperimentConfigJson.Load(path)
                : Presets.Create(result.GetValue(protocol) ?? throw new ArgumentException("give a protocol (poster, bone-marrow) or --config", "protocol"),
                    result.GetValue(strategy)!, experiment.ParseProfile(result), result.GetValue(seed));
            chosen = experiment.Initialisation(result)(chosen);
            if (result.GetValue(split) is { } s) chosen = chosen with { Split = s };
            if (result.GetValue(rounds) is { } r) chosen = chosen with { Rounds = r };
            if (result.GetValue(common.Device) is { } device && device != "cpu") chosen = chosen with { Device = device };
            chosen.Validate();
            var output = result.GetValue(experiment.Output)
                ?? Path.Combine("runs", $"{chosen.DataSet}-{chosen.Split}-{chosen.Recipe.Replace('+', '-')}-{chosen.Architecture}-{chosen.ImageSize}px-{ExperimentOptions.InitialisationTag(chosen)}-seed{chosen.Seed}");
            common.ConfigureEngine(result);

            using var data = new ExperimentDataProvider(common.ResolveDataRoot(result), common.Cache(result));
            IReadOnlyList<RoundResult> results = [];
            AnsiConsole.Progress().Columns(Progress.Columns()).Start(context =>
            {
                var view = new ExperimentProgressView(context);
                results = ExperimentRunner.RunOrResume(chosen, output, data, view.For($"{chosen.Recipe} seed {chosen.Seed}"));
            });
            Console.WriteLine(RoundTable.For(results).ToText());
            Console.WriteLine($"run folder: {output}");
            return 0;
        }));
        return command;
    }
}
