using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Workbench.Display;
using Workbench.Reports;

namespace Workbench.Notebooks;

/// <summary>
/// Executes C# cells one after another with shared state (Roslyn scripting), capturing console
/// output, display() calls and the value of the final expression. Knows nothing about notebook
/// files: the headless runner and the Jupyter kernel both execute cells through
/// <see cref="ExecuteAsync(string, ICellOutputSink, CellExecutionOptions?, CancellationToken)"/>.
/// </summary>
public sealed class ScriptSession : IDisposable
{
    /// <summary>Namespaces every cell sees without a using directive (Workbench namespaces are added when they exist).</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
        ["System", "System.Linq", "System.Collections.Generic", "System.IO", "System.Threading.Tasks", "System.Text"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly NotebookGlobals _globals = new();
    private readonly ScriptOptions _options;
    private ScriptState<object?>? _state;
    private int _executionCount;
    private bool _disposed;

    /// <summary>Creates a session with no state yet; relative <c>#r</c> and <c>#load</c> paths resolve against <paramref name="baseDirectory"/> (default: current directory).</summary>
    public ScriptSession(string? baseDirectory = null)
    {
        BaseDirectory = Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory);
        if (!Directory.Exists(BaseDirectory)) throw new ArgumentException($"base directory '{BaseDirectory}' does not exist", nameof(baseDirectory));
        _globals.NotebookDirectory = BaseDirectory;
        _options = CreateOptions(BaseDirectory);
    }

    /// <summary>The folder relative references are resolved against.</summary>
    public string BaseDirectory { get; }

    /// <summary>How many cells have been executed (the last prompt number).</summary>
    public int ExecutionCount => _executionCount;

    /// <summary>The namespaces imported into every cell.</summary>
    public IReadOnlyList<string> Imports => _options.Imports;

    /// <summary>The C# sources of the cells the current state is built from, oldest first (for completion).</summary>
    public IReadOnlyList<string> SubmittedSources
    {
        get
        {
            var sources = new List<string>();
            for (Script? script = _state?.Script; script is not null; script = script.Previous)
                if (script.Code.Length > 0) sources.Add(script.Code);
            sources.Reverse();
            return sources;
        }
    }

    /// <summary>The values of the variables the cells declared, by name (a redeclared name: its latest value).</summary>
    public IReadOnlyDictionary<string, object?> Variables
    {
        get
        {
            var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
            // Roslyn lists every declaration, a shadowed one before the one that replaced it.
            foreach (var variable in _state?.Variables ?? []) variables[variable.Name] = variable.Value;
            return variables;
        }
    }

    /// <summary>The references, imports and resolvers every cell compiles with.</summary>
    public ScriptOptions Options => _options;

    /// <summary>The type of the globals object cells see (display, input, Cancellation, …).</summary>
    public static Type GlobalsType => typeof(NotebookGlobals);

    /// <summary>Executes one cell; compile errors and exceptions come back as the result's error, not thrown.</summary>
    public Task<CellResult> ExecuteAsync(string code, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, null, cancellationToken);

    /// <summary>Executes one cell, giving up after <paramref name="timeout"/>, and collects its outputs.</summary>
    public async Task<CellResult> ExecuteAsync(string code, TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        var collector = new CellOutputCollector();
        var execution = await ExecuteAsync(code, collector, CellExecutionOptions.Default with { Timeout = timeout }, cancellationToken).ConfigureAwait(false);
        return new CellResult(execution.ExecutionCount, collector.Snapshot(), execution.StartedAt, execution.Duration, execution.Error);
    }

    /// <summary>
    /// Executes one cell, sending its outputs to <paramref name="sink"/> as they happen (the error, if any,
    /// last). The one evaluation path of both the headless runner and the Jupyter kernel. Cancelling
    /// <paramref name="cancellationToken"/> interrupts the cell (see <see cref="CellExecutionOptions.GracePeriod"/>).
    /// </summary>
    public async Task<CellExecution> ExecuteAsync(string code, ICellOutputSink sink, CellExecutionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(sink);
        ObjectDisposedException.ThrowIf(_disposed, this);
        options ??= CellExecutionOptions.Default;
        if (options.Timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), t, "timeout must be positive");
        if (options.GracePeriod < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), options.GracePeriod, "grace period must not be negative");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int count = options.Counted ? ++_executionCount : _executionCount;
            var startedAt = DateTimeOffset.UtcNow;
            var stopwatch = Stopwatch.StartNew();
            ErrorOutput? error = await RunCellAsync(code, count, sink, options, cancellationToken).ConfigureAwait(false);
            if (error is not null) sink.Add(error);
            return new CellExecution(count, startedAt, stopwatch.Elapsed, error);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _gate.Dispose();
    }

    private async Task<ErrorOutput?> RunCellAsync(string code, int count, ICellOutputSink sink, CellExecutionOptions options, CancellationToken cancellationToken)
    {
        string source;
        try
        {
            source = ScriptDirectives.Prepare(code);
        }
        catch (UnsupportedDirectiveException e)
        {
            return new ErrorOutput("UnsupportedDirective", e.Message, [e.Message]);
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Timeout is { } limit) cancel.CancelAfter(limit);
        using (ConsoleCapture.Begin(sink))
        {
            _globals.Cancellation = cancel.Token;
            var previous = _state;
            var clock = Stopwatch.StartNew();
            // Task.Run so that a cell that never awaits still lets the timeout fire; the AsyncLocal
            // console target flows into it.
            var execution = Task.Run(() =>
            {
                // Set inside the cell's own flow, so it does not outlive the cell in the kernel's.
                NotebookCancellation.Use(cancel.Token);
                return ContinueAsync(previous, source, cancel.Token);
            }, CancellationToken.None);
            try
            {
                var state = await execution.WaitAsync(cancel.Token).ConfigureAwait(false);
                _state = state;
                // The clock as well as the token: on a starved thread pool the timeout timer may fire late.
                bool overTime = options.Timeout is { } allowed && clock.Elapsed > allowed;
                if (cancel.IsCancellationRequested || overTime) return Cancelled(options, cancellationToken, abandoned: false);
                if (state.Exception is { } exception) return FromException(exception);
                if (state.ReturnValue is { } value and not DisplayHandle) sink.Add(new ExecuteResultOutput(count, DisplayFormatter.Format(value)));
                return null;
            }
            catch (CompilationErrorException e)
            {
                var diagnostics = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
                return new ErrorOutput("CompilationError", string.Join("\n", diagnostics), diagnostics);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Give the cell time to notice the token at its next check before abandoning it.
                bool stopped = await Task.WhenAny(execution, Task.Delay(options.GracePeriod, CancellationToken.None)).ConfigureAwait(false) == execution;
                if (stopped && execution.IsCompletedSuccessfully) _state = execution.Result;
                // Observed so that an abandoned cell failing later is not an unobserved task exception.
                if (!stopped) _ = execution.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                return Cancelled(options, cancellationToken, abandoned: !stopped);
            }
            catch (Exception e)
            {
                // Failures of the scripting host itself (e.g. an unresolvable #r at load time).
                return FromException(e);
            }
        }
    }

    private static ErrorOutput Cancelled(CellExecutionOptions options, CancellationToken cancellationToken, bool abandoned)
    {
        bool timedOut = !cancellationToken.IsCancellationRequested;
        string message = timedOut ? $"cell did not finish within {options.Timeout}" : "cell execution was interrupted";
        if (abandoned)
        {
            message += $"; it did not stop within the {options.GracePeriod.TotalSeconds:0.#} s grace period and was abandoned "
                + "(it may still run in the background; pass NotebookCancellation.Token to long calls so they stop)";
        }
        return new ErrorOutput(timedOut ? "TimeoutException" : "OperationCanceledException", message, [message]);
    }

    private async Task<ScriptState<object?>> ContinueAsync(ScriptState<object?>? previous, string source, CancellationToken cancellationToken)
    {
        // Continuing from an explicit earlier state (Roslyn clones it) lets an abandoned cell run on
        // without touching the state later cells build on.
        previous ??= await CSharpScript.RunAsync<object?>("", _options, _globals, typeof(NotebookGlobals), cancellationToken).ConfigureAwait(false);
        // catchException: a runtime exception ends the cell but keeps the state, as in Jupyter.
        return await previous.ContinueWithAsync<object?>(source, _options, _ => true, cancellationToken).ConfigureAwait(false);
    }

    private static ErrorOutput FromException(Exception exception)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerExceptions[0];
        if (exception is TargetInvocationException { InnerException: { } inner }) exception = inner;
        string name = exception.GetType().FullName ?? exception.GetType().Name;
        var traceback = new List<string> { $"{name}: {exception.Message}" };
        // Frames of the scripting host say nothing about the notebook's code.
        traceback.AddRange(exception.ToString().Split('\n').Skip(1).Select(l => l.TrimEnd('\r'))
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)));
        return new ErrorOutput(name, exception.Message, traceback);
    }

    private static ScriptOptions CreateOptions(string baseDirectory)
    {
        var core = typeof(IRichDisplay).Assembly;
        var workbenchNamespaces = core.GetExportedTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns == "Workbench" || ns.StartsWith("Workbench.", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal);
        return ScriptOptions.Default
            .AddReferences(FrameworkAssemblyPaths().Select(p => MetadataReference.CreateFromFile(p)))
            // Microsoft.Data.Analysis: RoundFrames returns DataFrames that cells index and filter.
            .AddReferences(core, typeof(NotebookGlobals).Assembly, typeof(Microsoft.Data.Analysis.DataFrame).Assembly)
            .WithImports(DefaultImports.Concat(workbenchNamespaces))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory).WithSearchPaths(baseDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory))
            .WithEmitDebugInformation(true)
            .WithAllowUnsafe(true);
    }

    private static IEnumerable<string> FrameworkAssemblyPaths()
    {
        // Reference the whole shared framework, as an ordinary project does, so cells can use any BCL type.
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal))
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll" or "Microsoft.Win32.Primitives.dll")
            .Where(p => !Path.GetFileName(p).StartsWith("System.Private.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }
}
