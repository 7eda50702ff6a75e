using System.Text;

namespace Workbench.Notebooks;

/// <summary>
/// Gathers the outputs of one running cell in the order they happen. Consecutive writes to the same
/// stream merge into one stream output, as Jupyter front ends show them. Thread-safe, because cell
/// code may write from background tasks.
/// </summary>
internal sealed class CellOutputCollector
{
    private readonly object _lock = new();
    private readonly List<CellOutput> _outputs = [];
    private readonly StringBuilder _pendingText = new();
    private string? _pendingStream;

    public void AppendStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_lock)
        {
            if (_pendingStream != name) FlushStream();
            _pendingStream = name;
            _pendingText.Append(text);
        }
    }

    public void Add(CellOutput output)
    {
        lock (_lock)
        {
            FlushStream();
            _outputs.Add(output);
        }
    }

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
