using System.CommandLine;
using System.Diagnostics;
using Workbench.Records;
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
        reproduce.Subcommands.Add(Protocol("poster",
            "SSL+AL poster: baseline / SSL / AL / SSL+AL on BCCD (paper and provided splits) or PBC (--dataset pbc: stratified 50/50 split)"));
        reproduce.Subcommands.Add(Protocol("bone-marrow", "Bone-marrow CST / AL / CST+AL on the PBC fine labels"));
        return reproduce;
    }

    private static Command Protocol(string name, string description)
    {
        var common = new CommonOptions();
        var experiment = new ExperimentOptions { Variant = new VariantOptions() };
        var seeds = new Option<int>("--seeds") { Description = "Number of seeds (0, 1, ...)", DefaultValueFactory = _ => name == "poster" ? 3 : 1 };
        var splits = new Option<string?>("--splits") { Description = "Comma-separated splits (poster only; default: paper,provided on bccd, stratified on pbc)" };
        var dataSet = new Option<string>("--dataset")
        {
            Description = "Data set (poster only): bccd (the poster's) or pbc (its 8 coarse classes, stratified 50/50 split; files named poster-pbc-...)",
            DefaultValueFactory = _ => PosterReproduction.HomeDataSet,
        };
        var recipes = new Option<string?>("--recipes")
        {
            Description = $"Comma-separated recipes compared (poster only; default: {string.Join(",", PosterReproduction.Strategies)}; "
                + $"extended: {string.Join(",", PosterReproduction.Extended)}); each AL recipe also runs with random queries",
        };
        var resultsFolder = new Option<string>("--results") { Description = "Folder whose <reproduction>/ subfolder gets the per-seed records and the tables made from them", DefaultValueFactory = _ => "results" };
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
        if (name == "poster")
        {
            command.Options.Add(splits);
            command.Options.Add(dataSet);
            command.Options.Add(recipes);
        }
        command.Options.Add(resultsFolder);
        experiment.AddTo(command);
        common.AddTo(command);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var pretrained = new Workbench.Pretraining.PretrainedCache(common.Cache(result).Directory);
            // A non-scratch start gets its own folders, result files and figures, so it never resumes or overwrites another start's.
            common.ConfigureEngine(result);  // first: the files' names and the pretrained key depend on the precision
            // Checked first: an unknown data set is one line, not an error from deeper down.
            var data = name == "poster" ? PosterReproduction.CheckDataSet(result.GetValue(dataSet)!) : null;
            var files = experiment.Files(result, name, data);
            var campaign = new Reproduction(name, experiment.ParseProfile(result), Enumerable.Range(0, Math.Max(0, result.GetValue(seeds))).ToArray(),
                result.GetValue(experiment.Output) ?? files.RunFolder("runs"), experiment.Adjust(result, pretrained, preset: name),
                name == "poster" ? result.GetValue(splits)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null, data,
                name == "poster" && result.GetValue(recipes) is { } names ? PosterReproduction.ParseRecipes(names) : null);
            var clock = Stopwatch.StartNew();
            using var images = new ExperimentDataProvider(common.ResolveDataRoot(result), common.Cache(result));
            int? jobCount = result.GetValue(jobs);
            if (jobCount is < 1) throw new ArgumentOutOfRangeException("--jobs", jobCount, "must be >= 1");
            var worker = result.GetValue(part) is { } partText ? ReproductionParts.Parse(partText) : ((int Index, int Count)?)null;
            var mine = worker is { } w ? campaign.Part(w.Index, w.Count) : campaign;
            var first = mine.Plan[0].Config;
            Terminal.Line($"{mine.Plan.Count} runs into {campaign.RunFolder} ({campaign.DataSet}, {campaign.Profile} profile, {first.Architecture} {first.ImageSize}px{Workbench.Data.NucleusCrop.Tag(first.CropPixels)}, init {ReproductionRun.InitialisationName(first)})");
            ReportInitialWeights(first, images);
            StartWorkers(worker is null, mine.Plan, jobCount, result.GetValue(common.Threads), images);
            // After the workers every run is finished: what follows only reads them back (and pretraining finds its cache).
            experiment.EnsurePretrained(result, mine.Plan.Select(p => p.Config), images, pretrained);
            var runs = RunWithProgress(mine, images);
            if (worker is { } done)
            {
                Terminal.Line($"part {done.Index + 1} of {done.Count} finished: {mine.Plan.Count} runs");
                return 0;
            }
            var report = campaign.Report(runs, campaign.ClassNames(images), clock.Elapsed);
            report.WriteTo(campaign.RunFolder);
            // The committed tables are made from the records, as `workbench report` remakes them: one path, no drift.
            var recordsFolder = files.RecordsFolder(result.GetValue(resultsFolder)!);
            var records = ReproductionRecords.Record(campaign, runs, images, recordsFolder);
            var written = RecordsReport.Of(records).WriteTo(recordsFolder);
            if (report.AddedByClass is { } added) Console.WriteLine($"samples added per round and class (first seed):\n{added.ToText()}");
            Console.WriteLine(report.ToText());
            Console.WriteLine($"written: {Path.Combine(campaign.RunFolder, "summary.md")}, tidy.csv; records and {written.Count} tables in {recordsFolder}");
            return 0;
        }));
        return command;
    }

    // Decoded once here, so the workers read the image cache instead of racing to write it.
    private static void StartWorkers(bool coordinator, IReadOnlyList<(ExperimentConfig Config, string RunDirectory)> plan, int? jobCount,
        int? threads, ExperimentDataProvider data)
    {
        int groups = plan.Select(p => (p.Config.Split, p.Config.Seed)).Distinct().Count();
        var (workers, threadsEach) = ReproductionParts.Workers(jobCount, threads ?? Environment.ProcessorCount, groups);
        if (!coordinator || workers <= 1) return;
        data.Images(plan[0].Config.DataSet, plan[0].Config.ImageSize, plan[0].Config.CropPixels);
        Terminal.Line($"{workers} worker processes of {threadsEach} thread(s), each with whole (split, seed) groups; then the summary here");
        ReproductionWorkers.Run(workers, threadsEach);
    }

    private static IReadOnlyList<ReproductionRun> RunWithProgress(Reproduction campaign, ExperimentDataProvider data)
    {
        IReadOnlyList<ReproductionRun> runs = [];
        Terminal.Progress(bars =>
        {
            var overall = bars.Add("runs", campaign.Plan.Count);
            var view = new ExperimentProgressView(bars);
            runs = campaign.RunAll(data, config =>
            {
                var inner = view.For($"{config.Split} {ReproductionRun.ArmOf(config)} seed {config.Seed}");
                return new SynchronousProgress<ExperimentProgress>(update =>
                {
                    inner.Report(update);
                    if (update.Phase == ExperimentPhase.Finished) overall.Value += 1;
                });
            });
            overall.Complete();
        });
        return runs;
    }

    // Loads a weights file once before hours of runs: a file of another architecture fails now, and the user reads what loaded.
    private static void ReportInitialWeights(ExperimentConfig config, ExperimentDataProvider data)
    {
        if (config.Initialisation is not (InitialisationKind.Weights or InitialisationKind.Checkpoint)) return;
        int classes = data.Images(config.DataSet, config.ImageSize, config.CropPixels).Data.ClassNames.Count;
        var (model, report) = ModelInitialiser.Create(config, classes);
        model.Dispose();
        Terminal.Line($"init from {ModelInitialiser.WeightsFile(config)}: {report}");
    }
}
