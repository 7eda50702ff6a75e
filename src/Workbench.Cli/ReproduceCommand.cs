using System.CommandLine;
using System.Diagnostics;
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
        var resultsFolder = new Option<string>("--results") { Description = "Folder for the tidy CSV and Markdown results", DefaultValueFactory = _ => "results" };
        var jobs = new Option<int?>("--jobs")
        {
            Description = "Worker processes, each taking whole (split, seed) groups with its share of --threads, then this process summarises "
                + "(default: one single-thread worker per thread, at most one per group; 1 runs everything in this process)",
        };
        // What a worker started by --jobs is told: its part of the plan ("index/count"); not for people.
        var part = new Option<string?>("--part") { Hidden = true };
        var command = new Command(name, description);
        command.Options.Add(seeds);
        command.Options.Add(jobs);
        command.Options.Add(part);
        if (name == "poster") command.Options.Add(splits);
        command.Options.Add(figures);
        command.Options.Add(resultsFolder);
        experiment.AddTo(command);
        common.AddTo(command);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var profile = experiment.ParseProfile(result);
            int seedCount = result.GetValue(seeds);
            if (seedCount < 1) throw new ArgumentOutOfRangeException("--seeds", seedCount, "must be >= 1");
            var seedList = Enumerable.Range(0, seedCount).ToArray();
            var pretrained = new Workbench.Pretraining.PretrainedCache(common.Cache(result).Directory);
            var adjust = experiment.Initialisation(result, pretrained, preset: name);
            // A non-scratch start gets its own folders, result files and figures, so it never resumes or overwrites another start's.
            common.ConfigureEngine(result);  // first: the files' names and the pretrained key depend on the precision
            var files = experiment.Files(result, name);
            var output = result.GetValue(experiment.Output) ?? files.RunFolder("runs");
            var clock = Stopwatch.StartNew();
            using var data = new ExperimentDataProvider(common.ResolveDataRoot(result), common.Cache(result));

            IReadOnlyList<ReproductionRun> runs = [];
            IReadOnlyList<(ExperimentConfig Config, string RunDirectory)> plan = name == "poster"
                ? new PosterReproduction
                {
                    Profile = profile, Seeds = seedList, Adjust = adjust,
                    SplitNames = result.GetValue(splits)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                }.Plan(output).ToList()
                : new BoneMarrowReproduction { Profile = profile, Seeds = seedList, Adjust = adjust }.Plan(output).ToList();
            foreach (var (config, _) in plan) config.Validate();
            int? jobCount = result.GetValue(jobs);
            if (jobCount is < 1) throw new ArgumentOutOfRangeException("--jobs", jobCount, "must be >= 1");
            var worker = result.GetValue(part) is { } partText ? ReproductionParts.Parse(partText) : ((int Index, int Count)?)null;
            if (worker is { } mine) plan = ReproductionParts.Part(plan, mine.Index, mine.Count);
            Terminal.Line($"{plan.Count} runs into {output} ({profile} profile, {plan[0].Config.Architecture} {plan[0].Config.ImageSize}px, init {ReproductionRun.InitialisationName(plan[0].Config)})");

            ReportInitialWeights(plan[0].Config, data);
            int groups = plan.Select(p => (p.Config.Split, p.Config.Seed)).Distinct().Count();
            var (workers, threadsEach) = ReproductionParts.Workers(jobCount, result.GetValue(common.Threads) ?? Environment.ProcessorCount, groups);
            if (worker is null && workers > 1)
            {
                // Decoded once here, so the workers read the image cache instead of racing to write it.
                data.Images(plan[0].Config.DataSet, plan[0].Config.ImageSize);
                Terminal.Line($"{workers} worker processes of {threadsEach} thread(s), each with whole (split, seed) groups; then the summary here");
                ReproductionWorkers.Run(workers, threadsEach);
            }
            // After the workers every run is finished: what follows only reads them back (and pretraining finds its cache).
            experiment.EnsurePretrained(result, plan.Select(p => p.Config), data, pretrained);
            Terminal.Progress(bars =>
            {
                var overall = bars.Add("runs", plan.Count);
                var view = new ExperimentProgressView(bars);
                runs = ReproductionRun.RunAll(plan, data, config =>
                {
                    var inner = view.For($"{config.Split} {ReproductionRun.ArmOf(config)} seed {config.Seed}");
                    return new SynchronousProgress<ExperimentProgress>(update =>
                    {
                        inner.Report(update);
                        if (update.Phase == ExperimentPhase.Finished) overall.Value += 1;
                    });
                }, default);
                overall.Complete();
            });
            if (worker is { } done)
            {
                Terminal.Line($"part {done.Index + 1} of {done.Count} finished: {plan.Count} runs");
                return 0;
            }

            Directory.CreateDirectory(output);
            var minutes = clock.Elapsed.TotalMinutes;
            var header = $"{name} reproduction, {profile} profile ({plan[0].Config.Architecture}, {plan[0].Config.ImageSize}px, init {ReproductionRun.InitialisationName(plan[0].Config)}), " +
                         $"{seedCount} seed(s), {Environment.ProcessorCount} cores: {minutes:F1} min wall for this invocation, " +
                         $"{runs.Sum(r => r.Rounds.Sum(x => x.Seconds.Total)) / 60:F1} min summed over all rounds (resumed runs included)";
            SummaryTable table;
            string? addedMarkdown = null;
            if (name == "poster")
            {
                table = PosterReproduction.Summarise(runs);
                SaveLearningCurves(runs, result.GetValue(figures)!, files, $"{profile.ToString().ToLowerInvariant()}, init {ReproductionRun.InitialisationName(plan[0].Config)}");
            }
            else
            {
                var classNames = data.Images(plan[0].Config.DataSet, plan[0].Config.ImageSize).Data.ClassNames;
                table = BoneMarrowReproduction.Summarise(runs, classNames);
                var added = BoneMarrowReproduction.AddedByClass(runs, classNames);
                File.WriteAllText(Path.Combine(output, "added-by-class.csv"), added.ToCsv());
                int firstSeed = runs.Min(r => r.Seed);
                addedMarkdown = $"# Samples added per round and class, seed {firstSeed} of each strategy ({header})\n\n{added.ToMarkdown()}";
                File.WriteAllText(Path.Combine(output, "added-by-class.md"), addedMarkdown);
                Console.WriteLine("samples added per round and class (first seed):");
                Console.WriteLine(added.ToText());
            }
            var comparison = ArmComparison.Table(runs);
            string profileName = profile.ToString().ToLowerInvariant();
            string tidy = TidyResults.ToCsv(TidyResults.Rows(name, profileName, runs));
            string markdown = $"# {header}\n\n{table.ToMarkdown()}\n## Paired comparisons (95% t intervals; * = the interval excludes 0)\n\n"
                + $"{comparison.ToMarkdown()}";
            File.WriteAllText(Path.Combine(output, "summary.csv"), table.ToCsv());
            File.WriteAllText(Path.Combine(output, "summary.md"), markdown);
            File.WriteAllText(Path.Combine(output, "tidy.csv"), tidy);
            string results = result.GetValue(resultsFolder)!;
            Directory.CreateDirectory(results);
            File.WriteAllText(files.TidyCsv(results), tidy);
            File.WriteAllText(files.Summary(results), markdown);
            // The additions by class are what the paper's class-imbalance argument rests on: they travel with the results.
            if (addedMarkdown is not null) File.WriteAllText(files.AddedByClass(results), addedMarkdown);
            Console.WriteLine(header);
            Console.WriteLine(table.ToText());
            Console.WriteLine(comparison.ToText());
            Console.WriteLine($"written: {Path.Combine(output, "summary.md")}, tidy.csv; {files.TidyCsv(results)} and .md");
            return 0;
        }));
        return command;
    }

    // Loads a weights file once before hours of runs: a file of another architecture fails now, and the user reads what loaded.
    private static void ReportInitialWeights(ExperimentConfig config, ExperimentDataProvider data)
    {
        if (config.Initialisation is not (InitialisationKind.Weights or InitialisationKind.Checkpoint)) return;
        int classes = data.Images(config.DataSet, config.ImageSize).Data.ClassNames.Count;
        var (model, report) = ModelInitialiser.Create(config, classes);
        model.Dispose();
        Terminal.Line($"init from {ModelInitialiser.WeightsFile(config)}: {report}");
    }

    private static void SaveLearningCurves(IReadOnlyList<ReproductionRun> runs, string figures, ReproductionFiles files, string setting)
    {
        foreach (var split in runs.Select(r => r.Split).Distinct())
        {
            var series = runs.Where(r => r.Split == split).GroupBy(r => r.Arm).Select(arm =>
            {
                var mine = arm.ToList();
                int rounds = mine.Min(r => r.Rounds.Count);
                // x = oracle labels used so far (mean over seeds): strategies compare by what they cost the expert.
                var points = Enumerable.Range(0, rounds).Select(round =>
                {
                    var stat = Workbench.Metrics.MeanStd.Of(mine.Select(r => r.Rounds[round].Accuracy));
                    return new LearningCurvePoint(mine.Average(r => r.OracleLabels(round)), stat.Mean, stat.Std);
                }).ToList();
                // The poster measured on its random 50/50 split only: draw its numbers on that split alone.
                IReadOnlyList<LearningCurvePoint>? published = split == "paper" && PublishedResults.Poster.TryGetValue(arm.Key, out var values)
                    ? values.Select(p => new LearningCurvePoint(points[Math.Min(p.Key, points.Count - 1)].X, p.Value.Mean / 100, 0))
                        .Prepend(new LearningCurvePoint(points[0].X, PublishedResults.Poster["baseline"][0].Mean / 100, 0)).ToList()
                    : null;
                return new LearningCurveSeries($"{arm.Key} (n = {mine.Count})", points, published);
            }).ToList();
            var chart = new LearningCurveChart(series, $"Poster protocol, {split} split ({setting}): accuracy by oracle labels used",
                "Oracle labels used (mean over seeds); band = ±1 std over n seeds", "Test accuracy");
            var path = files.LearningCurves(figures, split);
            chart.Save(path);
            Terminal.Line($"figure: {path}");
        }
    }
}
