using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Workbench.Display;
using Workbench.Reproductions;
using Workbench.Loop;
using Workbench.Config;

namespace Workbench.Cli;

/// <summary>`workbench reproduce poster|bone-marrow`: every strategy over seeds, summarised next to the papers.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var reproduce = new Command("reproduce", "Reproduce a published protocol over several seeds");
        reproduce.Subcommands.Add(Protocol("poster", "SSL+AL poster on BCCD: baseline / SSL / AL / SSL+AL on the paper and grouped splits"));
        reproduce.Subcommands.Add(Protocol("bone-marrow", "Bone-marrow CST / AL / CST+AL on the PBC fine labels"));
        return reproduce;
    }

    private static Command Protocol(string name, string description)
    {
        var common = new CommonOptions();
        var experiment = new ExperimentOptions();
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds (0, 1, ...)", DefaultValueFactory = _ => name == "poster" ? 3 : 1 };
        var splits = new Option<string>("--splits") { Description = "Comma-separated splits (poster only)", DefaultValueFactory = _ => "paper,provided" };
        var figures = new Option<string>("--figures") { Description = "Folder for the SVG figures", DefaultValueFactory = _ => "figures" };
        var command = new Command(name, description);
        command.Options.Add(seeds);
        if (name == "poster") command.Options.Add(splits);
        command.Options.Add(figures);
        experiment.AddTo(command);
        common.AddTo(command);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var profile = experiment.ParseProfile(result);
            int seedCount = result.GetValue(seeds);
            if (seedCount < 1) throw new ArgumentOutOfRangeException("--seeds", seedCount, "must be >= 1");
            var seedList = Enumerable.Range(0, seedCount).ToArray();
            var adjust = experiment.Initialisation(result);
            var output = result.GetValue(experiment.Output) ?? Path.Combine("runs", $"reproduce-{name}-{profile.ToString().ToLowerInvariant()}");
            common.ConfigureEngine(result);
            var clock = Stopwatch.StartNew();
            using var data = new ExperimentDataProvider(common.ResolveDataRoot(result), common.Cache(result));

            IReadOnlyList<ReproductionRun> runs = [];
            IReadOnlyList<(ExperimentConfig Config, string Dir)> plan;
            Func<Func<ExperimentConfig, IProgress<ExperimentProgress>?>, IReadOnlyList<ReproductionRun>> execute;
            if (name == "poster")
            {
                var poster = new PosterReproduction
                {
                    Profile = profile, Seeds = seedList, Adjust = adjust,
                    SplitNames = result.GetValue(splits)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                };
                plan = poster.Plan(output).ToList();
                execute = progress => poster.Run(output, data, progress);
            }
            else
            {
                var marrow = new BoneMarrowReproduction { Profile = profile, Seeds = seedList, Adjust = adjust };
                plan = marrow.Plan(output).ToList();
                execute = progress => marrow.Run(output, data, progress);
            }
            foreach (var (config, _) in plan) config.Validate();
            AnsiConsole.MarkupLineInterpolated($"{plan.Count} runs into {output} ({profile} profile, {plan[0].Config.Architecture} {plan[0].Config.ImageSize}px, init {ExperimentOptions.InitialisationTag(plan[0].Config)})");

            AnsiConsole.Progress().Columns(Progress.Columns()).Start(context =>
            {
                var overall = context.AddTask("runs", maxValue: plan.Count);
                var view = new ExperimentProgressView(context);
                runs = execute(config =>
                {
                    var inner = view.For($"{config.Split} {config.Recipe} seed {config.Seed}");
                    return new SynchronousProgress<ExperimentProgress>(update =>
                    {
                        inner.Report(update);
                        if (update.Phase == ExperimentPhase.Finished) overall.Increment(1);
                    });
                });
                overall.Value = plan.Count;
            });

            Directory.CreateDirectory(output);
            var minutes = clock.Elapsed.TotalMinutes;
            var header = $"{name} reproduction, {profile} profile ({plan[0].Config.Architecture}, {plan[0].Config.ImageSize}px, init {ExperimentOptions.InitialisationTag(plan[0].Config)}), " +
                         $"{seedCount} seed(s), {Environment.ProcessorCount} cores: {minutes:F1} min wall for this invocation, " +
                         $"{runs.Sum(r => r.Rounds.Sum(x => x.Seconds.Total)) / 60:F1} min summed over all rounds (resumed runs included)";
            SummaryTable table;
            if (name == "poster")
            {
                table = PosterReproduction.Summarise(runs);
                SaveLearningCurves(runs, result.GetValue(figures)!, profile);
            }
            else
            {
                var classNames = data.Images(plan[0].Config.DataSet, plan[0].Config.ImageSize).Data.ClassNames;
                table = BoneMarrowReproduction.Summarise(runs, classNames);
                var added = BoneMarrowReproduction.AddedByClass(runs, classNames);
                File.WriteAllText(Path.Combine(output, "added-by-class.csv"), added.ToCsv());
                File.WriteAllText(Path.Combine(output, "added-by-class.md"), added.ToMarkdown());
                Console.WriteLine("samples added per round and class (first seed):");
                Console.WriteLine(added.ToText());
            }
            File.WriteAllText(Path.Combine(output, "summary.csv"), table.ToCsv());
            File.WriteAllText(Path.Combine(output, "summary.md"), $"# {header}\n\n{table.ToMarkdown()}");
            Console.WriteLine(header);
            Console.WriteLine(table.ToText());
            Console.WriteLine($"written: {Path.Combine(output, "summary.md")}, summary.csv");
            return 0;
        }));
        return command;
    }

    private static void SaveLearningCurves(IReadOnlyList<ReproductionRun> runs, string figures, PresetProfile profile)
    {
        foreach (var split in runs.Select(r => r.Split).Distinct())
        {
            var series = PosterReproduction.Strategies.Select(strategy =>
            {
                var mine = runs.Where(r => r.Split == split && r.Recipe == strategy).ToList();
                int rounds = mine.Min(r => r.Rounds.Count);
                var points = Enumerable.Range(0, rounds).Select(round =>
                {
                    var stat = Workbench.Metrics.MeanStd.Of(mine.Select(r => r.Rounds[round].Accuracy));
                    return new LearningCurvePoint(round, stat.Mean, stat.Std);
                }).ToList();
                var published = PublishedResults.Poster[strategy].Select(p => (p.Key, p.Value.Mean / 100))
                    .Prepend((0, PublishedResults.Poster["baseline"][0].Mean / 100))
                    .Select(p => new LearningCurvePoint(p.Item1, p.Item2, 0)).ToList();
                return new LearningCurveSeries(strategy, points, published);
            }).ToList();
            var chart = new LearningCurveChart(series, $"Poster protocol, {split} split ({profile.ToString().ToLowerInvariant()} profile): accuracy by round", "Round", "Test accuracy");
            var path = Path.Combine(figures, $"poster-{profile.ToString().ToLowerInvariant()}-{split}-learning-curves.svg");
            chart.Save(path);
            AnsiConsole.MarkupLineInterpolated($"figure: {path}");
        }
    }
}
