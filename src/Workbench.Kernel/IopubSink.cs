using System.Text;
using System.Text.Json.Nodes;
using Workbench.Notebooks;

namespace Workbench.Kernel;

/// <summary>
/// Publishes a running cell's outputs on iopub, parented to its execute_request. Console text is
/// batched for <see cref="FlushInterval"/> (as ipykernel does) so a loop printing per character does not
/// send one message per character, yet a long training cell shows progress while it runs; very long
/// text is split into <see cref="MaxChunkChars"/> pieces. After <see cref="Close"/> (the cell's reply was
/// sent) an abandoned cell's output is dropped rather than attributed to a later request.
/// </summary>
internal sealed class IopubSink : ICellOutputSink, IDisposable
{
    /// <summary>How long console text may wait before it is published.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The most characters one stream message carries.</summary>
    public const int MaxChunkChars = 1 << 20;

    private readonly object _lock = new();
    private readonly Action<string, JsonObject> _publish;
    private readonly Func<string, bool, string>? _readInput;
    private readonly StringBuilder _pending = new();
    private readonly Timer _timer;
    private string? _pendingStream;
    private bool _closed;

    /// <param name="publish">Sends an iopub message (type, content) parented to the request.</param>
    /// <param name="readInput">Asks the front end over stdin; null when the request did not allow stdin.</param>
    public IopubSink(Action<string, JsonObject> publish, Func<string, bool, string>? readInput)
    {
        _publish = publish;
        _readInput = readInput;
        // No flow: the timer thread must not inherit the cell's console target.
        using (ExecutionContext.SuppressFlow()) _timer = new Timer(_ => Flush(), null, FlushInterval, FlushInterval);
    }

    public void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_lock)
        {
            if (_closed) return;
            if (_pendingStream != name) FlushLocked();
            _pendingStream = name;
            _pending.Append(text);
            if (_pending.Length >= MaxChunkChars) FlushLocked();
        }
    }

    public void Add(CellOutput output, string? displayId = null)
    {
        lock (_lock)
        {
            if (_closed) return;
            FlushLocked();
            switch (output)
            {
                case DisplayDataOutput display:
                    _publish("display_data", Bundle(display.Data, displayId));
                    break;
                case ExecuteResultOutput result:
                    var content = Bundle(result.Data, null);
                    content["execution_count"] = result.ExecutionCount;
                    _publish("execute_result", content);
                    break;
                case ErrorOutput error:
                    _publish("error", new JsonObject
                    {
                        ["ename"] = error.EName,
                        ["evalue"] = error.EValue,
                        ["traceback"] = new JsonArray(error.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
                    });
                    break;
                case StreamOutput stream:
                    _publish("stream", new JsonObject { ["name"] = stream.Name, ["text"] = stream.Text });
                    break;
            }
        }
    }

    public bool TryUpdateDisplay(string displayId, IReadOnlyDictionary<string, string> data)
    {
        lock (_lock)
        {
            if (_closed) return false;
            FlushLocked();
            _publish("update_display_data", Bundle(data, displayId));
            return true;
        }
    }

    public string ReadInput(string prompt, bool password)
    {
        if (_readInput is null) throw new InvalidOperationException("input() is not available: this execute request did not allow stdin");
        // What the cell printed before asking belongs above the prompt.
        Flush();
        return _readInput(prompt, password);
    }

    /// <summary>Publishes pending console text.</summary>
    public void Flush()
    {
        lock (_lock) FlushLocked();
    }

    /// <summary>Publishes what is pending and stops publishing: the cell's reply is about to be sent.</summary>
    public void Close()
    {
        lock (_lock)
        {
            FlushLocked();
            _closed = true;
        }
        _timer.Dispose();
    }

    public void Dispose() => Close();

    private void FlushLocked()
    {
        if (_pendingStream is null || _pending.Length == 0) return;
        string text = _pending.ToString();
        for (int start = 0; start < text.Length;)
        {
            int length = Math.Min(MaxChunkChars, text.Length - start);
            // Never split a surrogate pair across two messages.
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1])) length--;
            _publish("stream", new JsonObject { ["name"] = _pendingStream, ["text"] = text.Substring(start, length) });
            start += length;
        }
        _pending.Clear();
        _pendingStream = null;
    }

    private static JsonObject Bundle(IReadOnlyDictionary<string, string> data, string? displayId)
    {
        var json = new JsonObject();
        foreach (var (mime, value) in data) json[mime] = value;
        var content = new JsonObject { ["data"] = json, ["metadata"] = new JsonObject() };
        if (displayId is not null) content["transient"] = new JsonObject { ["display_id"] = displayId };
        return content;
    }
}
