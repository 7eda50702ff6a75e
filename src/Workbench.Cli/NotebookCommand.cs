using System.CommandLine;
using Workbench.Notebooks;

namespace Workbench.Cli;

/// <summary>`workbench notebook run`: execute a Polyglot C# notebook headless, papermill-style.</summary>
internal static class NotebookCommand
{
    public static Command Create()
    {
        var notebook = new Command("notebook", "Run C# notebooks headless and export reports");
        var file = new Argument<string>("notebook") { Description = "The .ipynb file to execute" };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "name=value overriding a default in the cell tagged 'parameters' (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string?>("--out") { Description = "Executed notebook path (default: <name>.executed.ipynb; give the input path to update it in place)" };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report here" };
        var timing = new Option<bool>("--timing") { Description = "Record when the notebook ran and how long each cell took (left out by default: executed notebooks are committed)" };
        var run = new Command("run", "Execute every cell in order; a failing cell stops the run (exit code 2)");
        run.Arguments.Add(file);
        run.Options.Add(parameters);
        run.Options.Add(output);
        run.Options.Add(html);
        run.Options.Add(timing);
        run.SetAction((result, cancel) => CommandRunner.RunAsync(async () =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"notebook '{path}' does not exist", path);
            var options = new RunOptions
            {
                Parameters = ParseParameters(result.GetValue(parameters) ?? []),
                OutputPath = result.GetValue(output),
                HtmlPath = result.GetValue(html),
                RecordTiming = result.GetValue(timing),
            };
            var outcome = await NotebookRunner.RunAsync(path, options, cancel);
            Terminal.Line($"executed {outcome.ExecutedCells} cells in {outcome.Duration.TotalSeconds:F1}s -> {outcome.OutputPath}");
            if (outcome.HtmlPath is { } report) Terminal.Line($"report: {report}");
            if (outcome.Succeeded) return 0;
            Terminal.Error($"cell {outcome.FailedCellIndex} failed:", $"{outcome.Error?.EName}: {outcome.Error?.EValue}");
            return ExitCodes.Failure;
        }));
        notebook.Subcommands.Add(run);
        return notebook;
    }

    private static Dictionary<string, string> ParseParameters(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, string>();
        foreach (var pair in pairs)
        {
            int equals = pair.IndexOf('=');
            if (equals <= 0) throw new ArgumentException($"parameter '{pair}' is not name=value", "--parameter");
            values[pair[..equals].Trim()] = pair[(equals + 1)..];
        }
        return values;
    }
}
