using System.CommandLine;
using Workbench.Records;

namespace Workbench.Cli;

/// <summary>
/// `workbench report results/&lt;reproduction&gt;`: every table of a reproduction rebuilt from its committed records (no runs,
/// no training); `workbench report results` does every records folder in it and writes the index results/README.md.
/// With --stopping it writes nothing and prints where the stabilising-predictions rule would have stopped each run of a records
/// folder or of a folder of run folders, and what that would have saved.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "A records folder (results/<reproduction>) or a folder of them (results)" };
        var resamples = new Option<int>("--resamples") { Description = "Cluster-bootstrap draws", DefaultValueFactory = _ => 10_000 };
        var readme = new Option<string?>("--readme") { Description = "A Markdown file whose <!-- results:begin --> ... <!-- results:end --> block gets the one-screen summary (with a folder of records)" };
        var stopping = new Option<bool>("--stopping")
        {
            Description = "Print where the stop-set kappa rule would have stopped each run (records folder or run folders) and what it saved; writes nothing",
        };
        var stopKappa = new Option<double>("--stop-when-kappa") { Description = "The rule's threshold, with --stopping", DefaultValueFactory = _ => Loop.KappaStopping.DefaultThreshold };
        var stopWindow = new Option<int>("--stop-kappa-window") { Description = "The rule's window of rounds, with --stopping", DefaultValueFactory = _ => Loop.KappaStopping.DefaultWindow };
        var against = new Option<string?>("--against")
        {
            Description = "Another records folder of the same protocol that differs in one setting (size, initial selection, network): "
                + "prints this − that per split and arm, paired by seed, Holm-adjusted (Markdown); writes nothing",
        };
        var command = new Command("report", "Rebuild a reproduction's tables, intervals and Holm-adjusted comparisons from its committed per-seed records");
        command.Arguments.Add(folder);
        command.Options.Add(resamples);
        command.Options.Add(readme);
        command.Options.Add(stopping);
        command.Options.Add(stopKappa);
        command.Options.Add(stopWindow);
        command.Options.Add(against);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var path = result.GetValue(folder)!;
            var options = new Metrics.ClusterBootstrapOptions(result.GetValue(resamples));
            if (result.GetValue(stopping)) return Stopping(path, result.GetValue(stopKappa), result.GetValue(stopWindow));
            if (result.GetValue(against) is { } other)
            {
                Console.Write(VariantComparison.Of(ReproductionRecords.Read(path), ReproductionRecords.Read(other),
                    Path.GetFileName(Path.TrimEndingDirectorySeparator(path)), Path.GetFileName(Path.TrimEndingDirectorySeparator(other))).ToMarkdown());
                return 0;
            }
            if (ReproductionRecords.IsRecords(path))
            {
                var written = RecordsReport.Of(ReproductionRecords.Read(path), options).WriteTo(path);
                Console.WriteLine($"{written.Count} files rebuilt in {path}: {string.Join(", ", written.Select(Path.GetFileName))}");
                return 0;
            }
            if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"report: '{path}' does not exist.");
            var index = ResultsIndex.Rebuild(path, options, result.GetValue(readme));
            Console.WriteLine($"{index.Folders.Count} reproductions rebuilt; index: {index.Path}");
            return 0;
        }));
        return command;
    }

    private static int Stopping(string path, double threshold, int window)
    {
        if (window < 1) throw new ArgumentException($"--stop-kappa-window must be >= 1, got {window}", "--stop-kappa-window");
        var runs = ReproductionRecords.IsRecords(path) ? ReproductionRecords.Read(path).Runs.Select(r => r.Run).ToList()
            : Reports.ReproductionRuns.Load(path);
        if (runs.Count == 0) throw new DirectoryNotFoundException($"report --stopping: '{path}' holds no records and no run with a finished round.");
        var rows = StoppingReport.Of(runs, threshold, window);
        Console.WriteLine(StoppingReport.Table(rows).ToText());
        int stopped = rows.Count(r => r.StopRound is not null);
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"mean kappa over {window} rounds >= {threshold}: {stopped} of {rows.Count} runs reach it; stopping there saves "
            + $"{rows.Sum(r => r.RoundsSaved)} rounds and {rows.Sum(r => r.OracleLabelsSaved)} oracle labels"));
        return 0;
    }
}
