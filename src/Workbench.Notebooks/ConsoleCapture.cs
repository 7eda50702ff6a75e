using System.Text;

namespace Workbench.Notebooks;

/// <summary>
/// Routes Console.Out / Console.Error into the outputs of the running cell. The console is global,
/// so instead of swapping writers per cell (which would mix up concurrently running kernels) one
/// router is installed while any cell runs and picks the target from an AsyncLocal that flows with
/// the cell's code. The original writers are restored when the last running cell ends.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly AsyncLocal<ICellOutputSink?> CurrentSink = new();
    private static readonly object Lock = new();
    private static int _activeCells;
    private static TextWriter? _originalOut;
    private static TextWriter? _originalError;

    /// <summary>The sink of the cell whose code is running on this async flow, if any.</summary>
    public static ICellOutputSink? Current => CurrentSink.Value;

    /// <summary>
    /// Makes <paramref name="sink"/> the target of console output on this async flow; dispose to end.
    /// Call from inside an async method so the AsyncLocal change does not leak to the caller.
    /// </summary>
    public static IDisposable Begin(ICellOutputSink sink)
    {
        lock (Lock)
        {
            if (_activeCells++ == 0)
            {
                _originalOut = Console.Out;
                _originalError = Console.Error;
                Console.SetOut(new RoutingWriter(StreamOutput.StdOut, _originalOut));
                Console.SetError(new RoutingWriter(StreamOutput.StdErr, _originalError));
            }
        }
        CurrentSink.Value = sink;
        return new Scope();
    }

    private static void End()
    {
        CurrentSink.Value = null;
        lock (Lock)
        {
            if (--_activeCells == 0)
            {
                Console.SetOut(_originalOut!);
                Console.SetError(_originalError!);
                _originalOut = _originalError = null;
            }
        }
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            End();
        }
    }

    /// <summary>Sends text to the current cell's sink, or to the original console outside cells.</summary>
    private sealed class RoutingWriter(string streamName, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (Current is { } sink) sink.WriteStream(streamName, value);
            else fallback.Write(value);
        }

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (Current is null) fallback.Flush();
        }
    }
}
