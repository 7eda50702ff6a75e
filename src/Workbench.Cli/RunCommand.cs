using System.CommandLine;
using Workbench.Engine;
using Workbench.Reproductions;
using Workbench.Config;
using Workbench.Distributed;
using Workbench.Selection;
using Workbench.Runs;
using Workbench.Loop;

namespace Workbench.Cli;

/// <summary>`workbench run`: one experiment (a preset or a config file) into a resumable run folder.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var distributed = new DistributedOptions();
        var experiment = new ExperimentOptions();
        var protocol = new Argument<string?>("protocol") { Description = "poster or bone-marrow (omit with --config)", Arity = ArgumentArity.ZeroOrOne };
        var config = new Option<string?>("--config") { Description = "A config.json to run instead of a preset" };
        var recipe = new Option<string?>("--recipe") { Description = $"What a round adds: {string.Join(", ", Recipes.Names)} (default: ssl+al)" };
        // The old name of --recipe, kept so existing scripts run; a strategy is what --query picks.
        var strategy = new Option<string?>("--strategy") { Description = "Deprecated: the old name of --recipe" };
        var query = new Option<string?>("--query")
        {
            // From the registry: a strategy registered in code shows here like the built-ins.
            Description = $"Active-learning (query) strategy, for the al, ssl+al and cst+al recipes: {string.Join(", ", SelectionStrategies.QueryNames)}; "
                + "default: the preset's",
        };
        var initialSelection = new Option<string?>("--initial-selection")
        {
            Description = $"How round 0's labelled images are chosen: {string.Join(", ", Loop.InitialSelection.Names)} (default: the preset's stratified draw; "
                + "random: without labels; typiclust: TypiClust's cold start on the starting model's embeddings, needs a pretrained or file start)",
        };
        var balanced = new Option<bool>("--balanced-queries")
        {
            Description = "Class-balanced queries: take the query strategy's ranking round-robin across the predicted classes (config: balancedQueries)",
        };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0 };
        var split = new Option<string?>("--split") { Description = "Override the preset's split (paper, grouped, provided, per-class-N ...)" };
        var rounds = new Option<int?>("--rounds") { Description = "Override the number of rounds (can extend a finished run)" };
        var dataset = new Option<string?>("--dataset")
        {
            Description = "Your own images: folder:/path (labelled/<class>/, unlabelled/, test/<class>/) or a manifest .csv; default: the preset's",
        };
        var oracle = new Option<string?>("--oracle")
        {
            Description = "simulated (the truth answers) or human (each round waits for your answers: workbench label <run-folder>); "
                + "own data that asks questions defaults to human",
        };
        var stopWhenKappa = new Option<double?>("--stop-when-kappa")
        {
            Description = "End the run early once its predictions on a fixed unlabelled sample have stabilised: the mean Cohen's kappa "
                + "between consecutive rounds over the last --stop-kappa-window rounds reaches this (Bloodgood & Vijay-Shanker: 0.99). "
                + "Default: never (the kappa is reported every round)",
        };
        var stopKappaWindow = new Option<int?>("--stop-kappa-window") { Description = "Rounds whose kappas --stop-when-kappa averages (default 3)" };
        var command = new Command("run", "Run one SSL/AL experiment into a run folder (resumes an interrupted run)");
        command.Arguments.Add(protocol);
        foreach (var option in new Option[] { config, recipe, strategy, query, initialSelection, balanced, seed, split, rounds, dataset, oracle, stopWhenKappa, stopKappaWindow }) command.Options.Add(option);
        experiment.AddTo(command);
        common.AddTo(command);
        distributed.AddTo(command);
        // Built here, from the options, and checked once: the library takes it as it is.
        ExperimentConfig Chosen(ParseResult result)
        {
            var chosen = result.GetValue(config) is { } path ? ExperimentConfigJson.Load(path)
                : Presets.Create(result.GetValue(protocol) ?? throw new ArgumentException("give a protocol (poster, bone-marrow) or --config", "protocol"),
                    RecipeName(result, recipe, strategy), experiment.ParseProfile(result), result.GetValue(seed));
            var preset = result.GetValue(config) is null && result.GetValue(dataset) is null ? result.GetValue(protocol) : null;
            chosen = experiment.Adjust(result, new Workbench.Pretraining.PretrainedCache(common.Cache(result).Directory), preset)(chosen);
            chosen = OwnDataOptions.Apply(chosen, result.GetValue(dataset), result.GetValue(split), result.GetValue(oracle));
            if (result.GetValue(split) is { } s) chosen = chosen with { Split = s };
            if (result.GetValue(rounds) is { } r) chosen = chosen with { Rounds = r };
            if (result.GetValue(stopWhenKappa) is { } kappa) chosen = chosen with { StopWhenKappa = kappa };
            if (result.GetValue(stopKappaWindow) is { } window) chosen = chosen with { StopKappaWindow = window };
            if (result.GetValue(query) is { } q) chosen = chosen with { ActiveLearning = SelectionStrategies.Normalise(q) };
            if (result.GetValue(balanced)) chosen = chosen with { BalancedQueries = true };
            if (result.GetValue(initialSelection) is { } start) chosen = chosen with { InitialSelection = Common.Names.Normalise(start) };
            if (result.GetValue(common.Device) is { } device && device != "cpu") chosen = chosen with { Device = device };
            return chosen.Validate();
        }

        string Output(ParseResult result, ExperimentConfig chosen)
        {
            // A config.json inside a run folder continues that run (e.g. after a person answered its queue).
            var configFolder = result.GetValue(config) is { } configPath ? Path.GetDirectoryName(Path.GetFullPath(configPath)) : null;
            return result.GetValue(experiment.Output)
                ?? (configFolder is not null && Workbench.Runs.RunStore.IsRun(configFolder) ? configFolder : null)
                ?? RunFolderName.For(chosen, queryNamed: result.GetValue(query) is not null, Runtime.Precision);
        }

        command.SetAction(result => CommandRunner.Run(() =>
        {
            common.ConfigureEngine(result);  // first: the pretrained start's key and the run folder's name depend on the precision
            var chosen = Chosen(result);
            var output = Output(result, chosen);

            var dataRoot = Workbench.Data.OwnData.IsOwnDataName(chosen.DataSet) ? "" : common.ResolveDataRoot(result);
            using var data = new ExperimentDataProvider(dataRoot, common.Cache(result), Terminal.Note);
            void EnsurePretrained() =>
                experiment.EnsurePretrained(result, [chosen], data, new Workbench.Pretraining.PretrainedCache(common.Cache(result).Directory));
            if (result.GetValue(distributed.Processes) > 1)
            {
                LoopRanks.RefusePersonOnRanks(chosen.Oracle == OracleKind.Human, result.GetValue(distributed.Processes));
                // Pretraining is one long single-process job: done here, before the ranks start, whose collectives would time out waiting for it.
                EnsurePretrained();
                return distributed.LaunchIfAsked(result)!.Value;
            }
            using var group = DistributedOptions.Join();
            DistributedOptions.RootFirst(group, () => { EnsurePretrained(); return 0; });
            var ranks = group is null ? null : new GroupLoopRanks(group);
            RunOutcome outcome = null!;
            Terminal.Progress(bars =>
            {
                var view = new ExperimentProgressView(bars);
                outcome = ExperimentRunner.Run(chosen, output, data, view.For($"{chosen.Recipe} seed {chosen.Seed}"), ranks: ranks);
            });
            if (group is { IsRoot: false }) return 0;  // rank 0 reports for the run
            Print(outcome, chosen, output);
            return 0;
        }));
        return command;
    }

    /// <summary>The recipe of --recipe, or of the deprecated --strategy with a note on standard error.</summary>
    private static string RecipeName(ParseResult result, Option<string?> recipe, Option<string?> strategy)
    {
        var (name, old) = (result.GetValue(recipe), result.GetValue(strategy));
        if (old is not null)
        {
            if (name is not null && name != old) throw new ArgumentException($"--recipe {name} and --strategy {old} disagree: give --recipe only", "--recipe");
            // Ranks started by --nproc see the same arguments; one note from the launcher (and rank 0) is enough.
            if (Rendezvous.FromEnvironment() is not { Rank: > 0 }) Console.Error.WriteLine("note: --strategy is deprecated; use --recipe (same values)");
        }
        name ??= old ?? "ssl+al";
        // Checked here so the message says recipe: the preset's own parse still speaks of strategies.
        if (!Recipes.TryParse(name, out _)) throw new ArgumentException($"Unknown recipe '{name}'. Valid recipes: {string.Join(", ", Recipes.Names)}.", "--recipe");
        return name;
    }

    private static void Print(RunOutcome outcome, ExperimentConfig chosen, string output)
    {
        if (outcome.ResumedAfterRound is int resumed) Terminal.Line($"resumed the run in {output} after its finished round {resumed}");
        if (outcome.Initialisation is { } loaded) Terminal.Line($"init from {chosen.InitialisationPath}: {loaded}");
        Console.WriteLine(RoundTable.For(outcome.Results).ToText());
        if (outcome.Results.Count > 0 && !outcome.Results[^1].HasTest)
            Console.WriteLine("no test labels: test accuracy is not measured; the table shows the labelled set's growth and how often you agreed with the model.");
        if (outcome.StopReason is { } why) Console.WriteLine($"stopped: {why}");
        Console.WriteLine($"run folder: {output}");
        if (outcome.AwaitingRound is int waiting)
        {
            Console.WriteLine($"round {waiting} awaits your labels ({outcome.QueueFolder}).");
            Console.WriteLine($"  label them:      ./workbench label {output}");
            Console.WriteLine($"  then continue:   ./workbench run --config {Path.Combine(output, "config.json")}");
        }
    }
}
