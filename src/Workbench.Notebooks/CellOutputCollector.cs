using System.Text;

namespace Workbench.Notebooks;

/// <summary>
/// Gathers the outputs of one running cell in the order they happen. Consecutive writes to the same
/// stream merge into one stream output, as Jupyter front ends show them. Thread-safe, because cell
/// code may write from background tasks.
/// </summary>
internal sealed class CellOutputCollector : ICellOutputSink
{
    private readonly object _lock = new();
    private readonly List<CellOutput> _outputs = [];
    private readonly Dictionary<string, int> _displayIndex = new(StringComparer.Ordinal);
    private readonly StringBuilder _pendingText = new();
    private string? _pendingStream;

    public void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_lock)
        {
            if (_pendingStream != name) FlushStream();
            _pendingStream = name;
            _pendingText.Append(text);
        }
    }

    public void Add(CellOutput output, string? displayId = null)
    {
        lock (_lock)
        {
            FlushStream();
            if (displayId is not null) _displayIndex[displayId] = _outputs.Count;
            _outputs.Add(output);
        }
    }

    public bool TryUpdateDisplay(string displayId, IReadOnlyDictionary<string, string> data)
    {
        lock (_lock)
        {
            // Replaced in place, as nbclient does with update_display_data, so the file shows the final state.
            if (!_displayIndex.TryGetValue(displayId, out int index)) return false;
            if (_outputs[index] is DisplayDataOutput display) _outputs[index] = display with { Data = data };
            return true;
        }
    }

    public string ReadInput(string prompt, bool password) =>
        throw new InvalidOperationException("input() needs an interactive front end; the headless runner has no stdin (use a parameter instead)");

    /// <summary>The outputs so far, with any pending stream text included.</summary>
    public IReadOnlyList<CellOutput> Snapshot()
    {
        lock (_lock)
        {
            FlushStream();
            return _outputs.ToArray();
        }
    }

    private void FlushStream()
    {
        if (_pendingStream is null || _pendingText.Length == 0) return;
        _outputs.Add(new StreamOutput(_pendingStream, _pendingText.ToString()));
        _pendingText.Clear();
        _pendingStream = null;
    }
}
