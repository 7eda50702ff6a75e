using System.CommandLine;
using Workbench.Labelling;
using Workbench.Oracle;

namespace Workbench.Cli;

/// <summary>`workbench label RUN`: the labelling page of a run waiting for a person, or CSV export / import of its queue.</summary>
internal static class LabelCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run-folder") { Description = "A run folder whose round awaits labels (see `workbench run --oracle human`)" };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 0 };
        var round = new Option<int?>("--round") { Description = "The round whose queue to open (default: the latest)" };
        var export = new Option<string?>("--export") { Description = "Write the queue with its answers as CSV to this file and exit" };
        var import = new Option<string?>("--import") { Description = "Record the answers of this CSV (column answer: class, confirm, cannot-tell) and exit" };
        var command = new Command("label", "Serve the local labelling page for a run's queue (keyboard-first), or export/import the queue as CSV");
        command.Arguments.Add(run);
        foreach (var option in new Option[] { port, round, export, import }) command.Options.Add(option);
        command.SetAction((result, cancel) => CommandRunner.RunAsync(async () =>
        {
            var folder = result.GetValue(run)!;
            await using var server = LabelServer.Create(folder, result.GetValue(port), result.GetValue(round));
            if (result.GetValue(export) is { } exportPath)
            {
                File.WriteAllText(exportPath, server.Session.Read(QueueCsv.Export));
                Console.WriteLine($"wrote {server.Session.Queue.Items.Count} items to {exportPath}");
                return 0;
            }
            if (result.GetValue(import) is { } importPath)
            {
                int recorded = QueueCsv.Import(server.Session, File.ReadAllText(importPath));
                var (answered, total) = server.Session.Read(s => (s.AnsweredCount, s.Queue.Items.Count));
                Console.WriteLine($"recorded {recorded} answers; {answered} of {total} answered");
                return 0;
            }
            await server.StartAsync(cancel);
            var (done, all) = server.Session.Read(s => (s.AnsweredCount, s.Queue.Items.Count));
            Console.WriteLine($"Labelling round {server.Session.Queue.Round} of {server.RunDirectory}: {done} of {all} answered.");
            Console.WriteLine("Open this URL in a browser (it carries the access token):");
            Console.WriteLine($"    {server.PageUrl}");
            Console.WriteLine("Every answer is saved as you give it. Stop with Ctrl+C; then continue the run with:");
            Console.WriteLine($"    ./workbench run --config {Path.Combine(server.RunDirectory, "config.json")}");
            Console.Out.Flush();
            try { await server.WaitAsync(cancel); }
            catch (OperationCanceledException) { }
            return 0;
        }));
        return command;
    }
}
