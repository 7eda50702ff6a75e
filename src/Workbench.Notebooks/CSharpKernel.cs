using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Workbench.Display;

namespace Workbench.Notebooks;

/// <summary>
/// Executes C# cells one after another with shared state (Roslyn scripting), capturing console
/// output, display() calls and the value of the final expression. Knows nothing about notebook
/// files, so it can also back an interactive kernel.
/// </summary>
public sealed class CSharpKernel : IDisposable
{
    /// <summary>Namespaces every cell sees without a using directive (Workbench namespaces are added when they exist).</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
        ["System", "System.Linq", "System.Collections.Generic", "System.IO", "System.Threading.Tasks", "System.Text"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly NotebookGlobals _globals = new();
    private readonly ScriptOptions _options;
    private ScriptState<object?>? _state;
    private int _executionCount;
    private bool _abandonedCellRunning;
    private bool _disposed;

    /// <summary>Creates a kernel; relative <c>#r</c> and <c>#load</c> paths resolve against <paramref name="baseDirectory"/> (default: current directory).</summary>
    public CSharpKernel(string? baseDirectory = null)
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

    /// <summary>Executes one cell; compile errors and exceptions come back as the result's error, not thrown.</summary>
    public Task<CellResult> ExecuteAsync(string code, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, null, cancellationToken);

    /// <summary>
    /// Executes one cell, giving up after <paramref name="timeout"/>. Running code cannot be aborted, so
    /// after a timeout or cancellation the kernel refuses further cells.
    /// </summary>
    public async Task<CellResult> ExecuteAsync(string code, TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), t, "timeout must be positive");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_abandonedCellRunning) throw new InvalidOperationException("an earlier cell timed out or was cancelled and may still be running; start a new kernel");
            int count = ++_executionCount;
            var collector = new CellOutputCollector();
            var startedAt = DateTimeOffset.UtcNow;
            var stopwatch = Stopwatch.StartNew();
            ErrorOutput? error = await RunCellAsync(code, count, collector, timeout, cancellationToken).ConfigureAwait(false);
            if (error is not null) collector.Add(error);
            return new CellResult(count, collector.Snapshot(), startedAt, stopwatch.Elapsed, error);
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

    private async Task<ErrorOutput?> RunCellAsync(string code, int count, CellOutputCollector collector, TimeSpan? timeout, CancellationToken cancellationToken)
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

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit) timeoutSource.CancelAfter(limit);
        using (ConsoleCapture.Begin(collector))
        {
            _globals.CancellationToken = timeoutSource.Token;
            // Task.Run so that a cell that never awaits still lets the timeout fire; the AsyncLocal
            // console target flows into it.
            var execution = Task.Run(() => ContinueAsync(source, timeoutSource.Token), CancellationToken.None);
            try
            {
                var state = await execution.WaitAsync(timeoutSource.Token).ConfigureAwait(false);
                _state = state;
                if (state.Exception is { } exception) return FromException(exception);
                if (state.ReturnValue is { } value) collector.Add(new ExecuteResultOutput(count, DisplayFormatter.Format(value)));
                return null;
            }
            catch (CompilationErrorException e)
            {
                var diagnostics = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
                return new ErrorOutput("CompilationError", string.Join("\n", diagnostics), diagnostics);
            }
            catch (OperationCanceledException) when (!execution.IsCompleted)
            {
                _abandonedCellRunning = true;
                bool timedOut = !cancellationToken.IsCancellationRequested;
                string message = timedOut ? $"cell did not finish within {timeout}" : "cell execution was cancelled";
                return new ErrorOutput(timedOut ? "TimeoutException" : "OperationCanceledException", message, [message]);
            }
            catch (Exception e)
            {
                // Failures of the scripting host itself (e.g. an unresolvable #r at load time).
                return FromException(e);
            }
        }
    }

    private async Task<ScriptState<object?>> ContinueAsync(string source, CancellationToken cancellationToken)
    {
        _state ??= await CSharpScript.RunAsync<object?>("", _options, _globals, typeof(NotebookGlobals), cancellationToken).ConfigureAwait(false);
        // catchException: a runtime exception ends the cell but keeps the state, as in Jupyter.
        return await _state.ContinueWithAsync<object?>(source, _options, _ => true, cancellationToken).ConfigureAwait(false);
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
            .AddReferences(core, typeof(NotebookGlobals).Assembly)
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
