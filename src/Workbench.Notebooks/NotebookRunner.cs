using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Workbench.Notebooks;

/// <summary>
/// Runs a notebook headlessly, like papermill: injects parameters, executes the code cells in order
/// with one <see cref="ScriptSession"/>, stops at the first failing cell, and writes the executed
/// notebook (also when it failed) and optionally an HTML report.
/// </summary>
public static class NotebookRunner
{
    /// <summary>The notebook metadata key holding run information.</summary>
    public const string MetadataKey = "workbench";

    // The working directory and the console are process-wide, so runs in one process take turns.
    private static readonly SemaphoreSlim RunLock = new(1, 1);

    /// <summary>
    /// Runs the notebook at <paramref name="inputPath"/>. Throws ArgumentException before any cell runs
    /// when a parameter is unknown or its value does not fit; a failing cell is reported in the result.
    /// </summary>
    public static async Task<NotebookRunResult> RunAsync(string inputPath, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        options ??= new RunOptions();
        string input = Path.GetFullPath(inputPath);
        // Resolve every path before the working directory changes.
        string output = Path.GetFullPath(options.OutputPath ?? DefaultOutputPath(input));
        string? html = options.HtmlPath is null ? null : Path.GetFullPath(options.HtmlPath);
        string notebookDirectory = Path.GetDirectoryName(input)!;
        var notebook = Notebook.Load(input);

        var outcome = await ExecuteAsync(notebook, notebookDirectory, options, cancellationToken).ConfigureAwait(false);
        notebook.Save(output);
        if (html is not null) HtmlExporter.WriteFile(notebook, html, Path.GetFileNameWithoutExtension(input));
        return outcome with { OutputPath = output, HtmlPath = html };
    }

    /// <summary>
    /// Executes <paramref name="notebook"/> in memory (outputs, counts and metadata are updated in place)
    /// without writing files. Relative #r paths resolve against <paramref name="notebookDirectory"/>.
    /// </summary>
    public static async Task<NotebookRunResult> ExecuteAsync(Notebook notebook, string notebookDirectory, RunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentException.ThrowIfNullOrWhiteSpace(notebookDirectory);
        options ??= new RunOptions();
        if (options.CellTimeout is { } t && t <= TimeSpan.Zero) throw new ArgumentException($"CellTimeout must be positive, got {t}", nameof(options));
        string workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? notebookDirectory);
        if (!Directory.Exists(workingDirectory)) throw new ArgumentException($"working directory '{workingDirectory}' does not exist", nameof(options));

        InjectParameters(notebook, options.Parameters);
        foreach (var cell in notebook.Cells.Where(c => c.IsCode)) cell.ClearOutputs();

        await RunLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        string previousDirectory = Environment.CurrentDirectory;
        var startedAt = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        int executed = 0;
        int? failedIndex = null;
        ErrorOutput? error = null;
        RunDescription? description = null;
        try
        {
            Environment.CurrentDirectory = workingDirectory;
            using var session = new ScriptSession(notebookDirectory);
            for (int i = 0; i < notebook.Cells.Count && failedIndex is null; i++)
            {
                var cell = notebook.Cells[i];
                if (!cell.IsCode || string.IsNullOrWhiteSpace(cell.Source)) continue;
                var result = await ExecuteCellAsync(session, cell, options.CellTimeout, options.RecordTiming, cancellationToken).ConfigureAwait(false);
                executed++;
                if (!result.Succeeded)
                {
                    failedIndex = i;
                    error = result.Error;
                }
            }
            description = RunDescription.Of(session.Variables, notebookDirectory, startedAt);
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            RunLock.Release();
        }

        var duration = stopwatch.Elapsed;
        notebook.Metadata[MetadataKey] = RunMetadata(options.RecordTiming ? (startedAt, duration) : null, options.Parameters, failedIndex, description);
        return new NotebookRunResult(failedIndex is null, failedIndex, error, duration, executed, "", null, notebook);
    }

    /// <summary>
    /// Replaces any earlier injected cell with one assigning <paramref name="parameters"/>, right after the
    /// "parameters" cell. Throws ArgumentException when the notebook has no such cell or a name is unknown.
    /// </summary>
    public static void InjectParameters(Notebook notebook, IDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(parameters);
        notebook.Cells.RemoveAll(c => c.HasTag(NotebookParameters.InjectedTag));
        if (parameters.Count == 0) return;
        int index = notebook.Cells.FindIndex(c => c.IsCode && c.HasTag(NotebookParameters.ParametersTag));
        if (index < 0)
        {
            throw new ArgumentException(
                $"parameters were given ({string.Join(", ", parameters.Keys)}) but no code cell is tagged '{NotebookParameters.ParametersTag}'", nameof(parameters));
        }
        var declared = NotebookParameters.ParseDeclarations(notebook.Cells[index].Source);
        string source = NotebookParameters.BuildInjectedSource(declared, parameters.OrderBy(p => p.Key, StringComparer.Ordinal));
        var injected = notebook.CreateCodeCell(source, NotebookParameters.InjectedTag);
        injected.Id = UniqueId(notebook, NotebookParameters.InjectedTag);
        notebook.Cells.Insert(index + 1, injected);
    }

    /// <summary>The default output path: <c>&lt;folder&gt;/&lt;name&gt;.executed.ipynb</c> (not doubled for an already executed file).</summary>
    public static string DefaultOutputPath(string inputPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        string name = Path.GetFileNameWithoutExtension(inputPath);
        if (name.EndsWith(".executed", StringComparison.Ordinal)) name = name[..^".executed".Length];
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inputPath))!, name + ".executed.ipynb");
    }

    private static async Task<CellResult> ExecuteCellAsync(ScriptSession session, NotebookCell cell, TimeSpan? timeout, bool recordTiming,
        CancellationToken cancellationToken)
    {
        string? kernelName = cell.Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>();
        CellResult result;
        if (kernelName is not null && kernelName != Notebook.CSharpKernelName)
        {
            string message = $"cells of kernel '{kernelName}' are not supported: the runner executes C# cells only";
            var error = new ErrorOutput("UnsupportedKernel", message, [message]);
            result = new CellResult(0, [error], DateTimeOffset.UtcNow, TimeSpan.Zero, error);
        }
        else
        {
            // The same execution path as the Jupyter kernel; the runner's sink collects instead of streaming.
            var collector = new CellOutputCollector();
            var execution = await session.ExecuteAsync(cell.Source, collector, CellExecutionOptions.Default with { Timeout = timeout }, cancellationToken)
                .ConfigureAwait(false);
            result = new CellResult(execution.ExecutionCount, collector.Snapshot(), execution.StartedAt, execution.Duration, execution.Error);
        }
        cell.ExecutionCount = result.ExecutionCount == 0 ? null : result.ExecutionCount;
        cell.Outputs.AddRange(result.Outputs);
        // Without timing, an earlier execution's times must not stay behind either.
        cell.Metadata.Remove("execution");
        if (recordTiming)
        {
            cell.Metadata["execution"] = new JsonObject
            {
                ["iopub.execute_input"] = IsoTime(result.StartedAt),
                ["shell.execute_reply"] = IsoTime(result.StartedAt + result.Duration),
            };
        }
        return result;
    }

    private static JsonObject RunMetadata((DateTimeOffset StartedAt, TimeSpan Duration)? timing, IDictionary<string, string> parameters, int? failedIndex,
        RunDescription? description)
    {
        var parameterJson = new JsonObject();
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) parameterJson[name] = value;
        var metadata = new JsonObject();
        if (timing is var (startedAt, duration))
        {
            metadata["executed_at"] = IsoTime(startedAt);
            metadata["duration_seconds"] = Math.Round(duration.TotalSeconds, 3);
        }
        // What the report's header shows: the day, commit, data sets and profile (RunDescription).
        description?.WriteTo(metadata);
        metadata["parameters"] = parameterJson;
        metadata["succeeded"] = failedIndex is null;
        if (failedIndex is { } index) metadata["failed_cell"] = index;
        return metadata;
    }

    private static string UniqueId(Notebook notebook, string preferred) =>
        notebook.Cells.Any(c => c.Id == preferred) ? notebook.NewCellId(preferred) : preferred;

    private static string IsoTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
