using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Workbench.Notebooks;

namespace Workbench.Kernel;

/// <summary>
/// Serves one Jupyter front end: shell requests are handled one at a time in arrival order (a running
/// cell delays completion requests, as in ipykernel), control requests on their own worker so an
/// interrupt reaches a running cell. Every request is framed by status busy/idle on iopub. Cells run
/// on <see cref="ScriptSession"/>, the same core the headless runner uses, through an
/// <see cref="IopubSink"/> that streams their outputs.
/// </summary>
public sealed partial class JupyterKernel : IDisposable
{
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly TextWriter _log;
    private readonly KernelSockets _sockets;
    private readonly ScriptSession _cells;
    private readonly CodeAssistant _assistant;
    private readonly CellExecutionOptions _cellOptions;
    private readonly Channel<JupyterMessage> _shell = Channel.CreateUnbounded<JupyterMessage>(new() { SingleReader = true });
    private readonly Channel<JupyterMessage> _control = Channel.CreateUnbounded<JupyterMessage>(new() { SingleReader = true });
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile CancellationTokenSource? _runningCell;
    private volatile TaskCompletionSource<string>? _pendingInput;
    private bool _abortQueued;
    private bool _disposed;

    /// <summary>Binds the sockets of <paramref name="connection"/>; cells resolve relative paths against <paramref name="workingDirectory"/>.</summary>
    public JupyterKernel(ConnectionInfo connection, TextWriter log, string? workingDirectory = null, CellExecutionOptions? cellOptions = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _log = TextWriter.Synchronized(log);
        _cells = new ScriptSession(workingDirectory);
        _assistant = new CodeAssistant(_cells.Options, ScriptSession.GlobalsType);
        _cellOptions = cellOptions ?? CellExecutionOptions.Default;
        _sockets = new KernelSockets(connection, Route, _log);
    }

    /// <summary>The implementation version reported in kernel_info.</summary>
    public static string Version => typeof(JupyterKernel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>Serves requests until a shutdown_request (or <paramref name="cancellationToken"/>).</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _sockets.Start();
        var shell = Task.Run(() => ServeAsync(_shell.Reader, KernelChannel.Shell), CancellationToken.None);
        var control = Task.Run(() => ServeAsync(_control.Reader, KernelChannel.Control), CancellationToken.None);
        Publish("status", new JsonObject { ["execution_state"] = "starting" }, null);
        _log.WriteLine($"[kernel] Workbench C# kernel {Version} ready (session {_session})");
        _ = Task.Run(WarmUpCompletionAsync, CancellationToken.None);
        await using (cancellationToken.Register(() => _stopped.TrySetResult()))
            await _stopped.Task.ConfigureAwait(false);
        _shell.Writer.TryComplete();
        _control.Writer.TryComplete();
        _runningCell?.Cancel();
        // Let the shutdown reply leave before the sockets close.
        await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _sockets.Dispose();
        _assistant.Dispose();
        _cells.Dispose();
    }

    // Runs on the socket thread: only hand messages on.
    private void Route(KernelChannel channel, JupyterMessage message)
    {
        switch (channel)
        {
            case KernelChannel.Shell:
                _shell.Writer.TryWrite(message);
                break;
            case KernelChannel.Control:
                _control.Writer.TryWrite(message);
                break;
            case KernelChannel.Stdin when message.MessageType == "input_reply":
                if (_pendingInput is { } pending) pending.TrySetResult(OptionalString(message.Content, "value") ?? "");
                else _log.WriteLine("[kernel] stdin: input_reply without a pending input()");
                break;
            default:
                _log.WriteLine($"[kernel] {channel}: ignored {message.MessageType}");
                break;
        }
    }

    private async Task ServeAsync(ChannelReader<JupyterMessage> requests, KernelChannel channel)
    {
        await foreach (var request in requests.ReadAllAsync().ConfigureAwait(false))
        {
            await ServeOneAsync(request, channel).ConfigureAwait(false);
            // Only the shell worker runs cells, so only it may take (and clear) the abort flag.
            if (channel != KernelChannel.Shell || !_abortQueued) continue;
            // stop_on_error: cells already queued behind a failed one are not run, as in ipykernel and like the
            // headless runner, which stops at the first failing cell. Other requests are served as usual.
            _abortQueued = false;
            while (requests.TryRead(out var queued))
            {
                if (queued.MessageType != "execute_request")
                {
                    await ServeOneAsync(queued, channel).ConfigureAwait(false);
                    continue;
                }
                Publish("status", new JsonObject { ["execution_state"] = "busy" }, queued);
                Reply(channel, queued, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = _cells.ExecutionCount });
                Publish("status", new JsonObject { ["execution_state"] = "idle" }, queued);
            }
        }
    }

    private async Task ServeOneAsync(JupyterMessage request, KernelChannel channel)
    {
        Publish("status", new JsonObject { ["execution_state"] = "busy" }, request);
        try
        {
            await HandleAsync(request, channel).ConfigureAwait(false);
        }
        catch (BadRequestException e)
        {
            _log.WriteLine($"[kernel] {channel}: bad {request.MessageType}: {e.Message}");
            Reply(channel, request, ReplyType(request.MessageType), ErrorContent("BadRequest", e.Message));
        }
        catch (Exception e)
        {
            // A failure in the kernel itself: answer and keep serving.
            _log.WriteLine($"[kernel] {channel}: {request.MessageType} failed: {e}");
            Reply(channel, request, ReplyType(request.MessageType), ErrorContent(e.GetType().Name, e.Message));
        }
        finally
        {
            Publish("status", new JsonObject { ["execution_state"] = "idle" }, request);
        }
    }

    private async Task HandleAsync(JupyterMessage request, KernelChannel channel)
    {
        var content = request.Content;
        switch (request.MessageType)
        {
            case "kernel_info_request":
                Reply(channel, request, "kernel_info_reply", KernelInfo());
                break;
            case "execute_request" when channel == KernelChannel.Shell:
                await ExecuteAsync(request).ConfigureAwait(false);
                break;
            case "complete_request" when channel == KernelChannel.Shell:
                await CompleteAsync(request, channel).ConfigureAwait(false);
                break;
            case "inspect_request" when channel == KernelChannel.Shell:
                await InspectAsync(request, channel).ConfigureAwait(false);
                break;
            case "is_complete_request":
                bool complete = CodeAssistant.IsComplete(RequiredString(content, "code"));
                Reply(channel, request, "is_complete_reply", complete
                    ? new JsonObject { ["status"] = "complete" }
                    : new JsonObject { ["status"] = "incomplete", ["indent"] = "    " });
                break;
            case "comm_info_request":
                Reply(channel, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                break;
            case "history_request":
                Reply(channel, request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() });
                break;
            case "interrupt_request":
                _runningCell?.Cancel();
                _pendingInput?.TrySetCanceled();
                Reply(channel, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                break;
            case "shutdown_request":
                bool restart = content["restart"] is JsonValue r && r.TryGetValue(out bool b) && b;
                var reply = new JsonObject { ["status"] = "ok", ["restart"] = restart };
                Reply(channel, request, "shutdown_reply", reply);
                Publish("shutdown_reply", (JsonObject)reply.DeepClone(), request);
                // On restart the front end starts a fresh process, which is what resets the state.
                _log.WriteLine($"[kernel] shutdown requested (restart: {restart})");
                _stopped.TrySetResult();
                break;
            case "comm_open":
                // No comm targets: tell the front end the comm is closed, as ipykernel does for unknown targets.
                Publish("comm_close", new JsonObject { ["comm_id"] = content["comm_id"]?.DeepClone(), ["data"] = new JsonObject() }, request);
                break;
            case "comm_msg" or "comm_close":
                break;
            case "execute_request" or "complete_request" or "inspect_request":
                // The cells and the completion workspace belong to the shell worker alone.
                _log.WriteLine($"[kernel] {channel}: {request.MessageType} belongs on the shell channel, not answered");
                break;
            default:
                _log.WriteLine($"[kernel] {channel}: unknown message type '{request.MessageType}', not answered");
                break;
        }
    }

    private async Task ExecuteAsync(JupyterMessage request)
    {
        var content = request.Content;
        string code = RequiredString(content, "code");
        bool silent = OptionalBool(content, "silent", false);
        bool allowStdin = OptionalBool(content, "allow_stdin", true);
        bool stopOnError = OptionalBool(content, "stop_on_error", true);
        bool counted = !silent && OptionalBool(content, "store_history", true);
        if (!silent) Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = _cells.ExecutionCount + (counted ? 1 : 0) }, request);
        using var cancel = new CancellationTokenSource();
        _runningCell = cancel;
        var sink = new IopubSink((type, output) => { if (!silent) Publish(type, output, request); },
            allowStdin ? (prompt, password) => ReadInput(request, prompt, password, cancel.Token) : null);
        CellExecution result;
        try
        {
            result = await _cells.ExecuteAsync(code, sink, _cellOptions with { Counted = counted }, cancel.Token).ConfigureAwait(false);
        }
        finally
        {
            _runningCell = null;
            sink.Close();
        }
        var reply = result.Error is { } error ? ErrorContent(error.EName, error.EValue, error.Traceback) : new JsonObject
        {
            ["status"] = "ok",
            ["user_expressions"] = new JsonObject(),
            ["payload"] = new JsonArray(),
        };
        reply["execution_count"] = result.ExecutionCount;
        _abortQueued = result.Error is not null && stopOnError;
        Reply(KernelChannel.Shell, request, "execute_reply", reply);
    }

    private string ReadInput(JupyterMessage request, string prompt, bool password, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingInput = pending;
        try
        {
            // The front end's stdin socket has the same identity as its shell socket.
            _sockets.Send(KernelChannel.Stdin, JupyterMessage.Create("input_request",
                new JsonObject { ["prompt"] = prompt, ["password"] = password }, request, _session));
            return pending.Task.WaitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (TaskCanceledException e)
        {
            throw new OperationCanceledException("input() was interrupted", e, cancellationToken);
        }
        finally
        {
            _pendingInput = null;
        }
    }

    private async Task CompleteAsync(JupyterMessage request, KernelChannel channel)
    {
        string code = RequiredString(request.Content, "code");
        int position = CodePoints.ToUtf16(code, OptionalInt(request.Content, "cursor_pos", code.Length));
        var (matches, start, end) = await _assistant.CompleteAsync(_cells.SubmittedSources, code, position, CancellationToken.None).ConfigureAwait(false);
        Reply(channel, request, "complete_reply", new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(matches.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["cursor_start"] = CodePoints.FromUtf16(code, start),
            ["cursor_end"] = CodePoints.FromUtf16(code, end),
            ["metadata"] = new JsonObject(),
        });
    }

    private async Task WarmUpCompletionAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await _assistant.WarmUpAsync(CancellationToken.None).ConfigureAwait(false);
            _log.WriteLine($"[kernel] completion warmed up in {clock.Elapsed.TotalSeconds:0.00} s");
        }
        catch (ObjectDisposedException)
        {
            // The kernel shut down first.
        }
        catch (Exception e)
        {
            // Completion then warms up on the first request instead; the kernel itself is fine.
            _log.WriteLine($"[kernel] completion warm-up failed: {e.Message}");
        }
    }

    private async Task InspectAsync(JupyterMessage request, KernelChannel channel)
    {
        string code = RequiredString(request.Content, "code");
        int position = CodePoints.ToUtf16(code, OptionalInt(request.Content, "cursor_pos", code.Length));
        string? text = await _assistant.InspectAsync(_cells.SubmittedSources, code, position, CancellationToken.None).ConfigureAwait(false);
        Reply(channel, request, "inspect_reply", new JsonObject
        {
            ["status"] = "ok",
            ["found"] = text is not null,
            ["data"] = text is null ? new JsonObject() : new JsonObject { ["text/plain"] = text },
            ["metadata"] = new JsonObject(),
        });
    }

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "workbench",
        ["implementation_version"] = Version,
        ["language_info"] = new JsonObject
        {
            ["name"] = "C#",
            ["version"] = "14.0",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = "Workbench C# kernel: Roslyn scripting with the Workbench libraries imported (display(), input(), Cancellation)",
        ["help_links"] = new JsonArray(),
    };

    private void Reply(KernelChannel channel, JupyterMessage request, string type, JsonObject content) =>
        _sockets.Send(channel, JupyterMessage.Create(type, content, request, _session));

    private void Publish(string type, JsonObject content, JupyterMessage? parent)
    {
        byte[] topic = Encoding.UTF8.GetBytes($"kernel.{_session}.{type}");
        _sockets.Send(KernelChannel.IoPub, JupyterMessage.Create(type, content, parent, _session, [topic]));
    }

    private static JsonObject ErrorContent(string name, string value, IReadOnlyList<string>? traceback = null) => new()
    {
        ["status"] = "error",
        ["ename"] = name,
        ["evalue"] = value,
        ["traceback"] = new JsonArray((traceback ?? [$"{name}: {value}"]).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
    };

    private static string ReplyType(string requestType) =>
        requestType.EndsWith("_request", StringComparison.Ordinal) ? requestType[..^"_request".Length] + "_reply" : requestType + "_reply";

    private static string RequiredString(JsonObject content, string name) =>
        OptionalString(content, name) ?? throw new BadRequestException($"content.{name} must be a string");

    private static string? OptionalString(JsonObject content, string name) =>
        content[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static bool OptionalBool(JsonObject content, string name, bool fallback) =>
        content[name] is null ? fallback : content[name] is JsonValue v && v.TryGetValue(out bool b) ? b
            : throw new BadRequestException($"content.{name} must be true or false");

    private static int OptionalInt(JsonObject content, string name, int fallback) =>
        content[name] is null ? fallback : content[name] is JsonValue v && v.TryGetValue(out int i) && i >= 0 ? i
            : throw new BadRequestException($"content.{name} must be a non-negative integer");
}
