using System.CommandLine;
using Workbench.Records;

namespace Workbench.Cli;

/// <summary>
/// `workbench report results/&lt;reproduction&gt;`: every table of a reproduction rebuilt from its committed records (no runs,
/// no training); `workbench report results` does every records folder in it and writes the index results/README.md.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "A records folder (results/<reproduction>) or a folder of them (results)" };
        var resamples = new Option<int>("--resamples") { Description = "Cluster-bootstrap draws", DefaultValueFactory = _ => 10_000 };
        var readme = new Option<string?>("--readme") { Description = "A Markdown file whose <!-- results:begin --> ... <!-- results:end --> block gets the one-screen summary (with a folder of records)" };
        var command = new Command("report", "Rebuild a reproduction's tables, intervals and Holm-adjusted comparisons from its committed per-seed records");
        command.Arguments.Add(folder);
        command.Options.Add(resamples);
        command.Options.Add(readme);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var path = result.GetValue(folder)!;
            var options = new Metrics.ClusterBootstrapOptions(result.GetValue(resamples));
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
}
