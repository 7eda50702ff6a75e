using NetMQ;
using NetMQ.Sockets;

namespace Workbench.Kernel;

/// <summary>
/// Binds shell, control, stdin (ROUTER), iopub (PUB) and heartbeat (REP) from a connection file. NetMQ
/// sockets are not thread-safe, so every receive and send happens on the poller thread: other threads
/// hand their messages to <see cref="Send"/>, which queues them in order. Received messages are decoded
/// and verified here; a malformed or badly signed one is logged and dropped, never answered.
/// </summary>
public sealed class KernelSockets : IDisposable
{
    private readonly MessageCodec _codec;
    private readonly Action<KernelChannel, JupyterMessage> _onMessage;
    private readonly TextWriter _log;
    private readonly RouterSocket _shell = new();
    private readonly RouterSocket _control = new();
    private readonly RouterSocket _stdin = new();
    private readonly PublisherSocket _iopub = new();
    private readonly ResponseSocket _heartbeat = new();
    private readonly NetMQQueue<(KernelChannel Channel, JupyterMessage Message)> _outgoing = new();
    private readonly NetMQPoller _poller;
    private List<byte[]> _heartbeatFrames = [];
    private bool _disposed;

    /// <summary>Binds every socket; <paramref name="onMessage"/> runs on the poller thread and must return quickly.</summary>
    public KernelSockets(ConnectionInfo connection, Action<KernelChannel, JupyterMessage> onMessage, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _codec = new MessageCodec(connection.Key);
        _onMessage = onMessage;
        _log = log;
        foreach (NetMQSocket socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
            socket.Options.Linger = TimeSpan.FromSeconds(1); // so the last replies still leave at shutdown
        _shell.Bind(connection.Endpoint(connection.ShellPort));
        _control.Bind(connection.Endpoint(connection.ControlPort));
        _stdin.Bind(connection.Endpoint(connection.StdinPort));
        _iopub.Bind(connection.Endpoint(connection.IopubPort));
        _heartbeat.Bind(connection.Endpoint(connection.HeartbeatPort));

        _shell.ReceiveReady += (_, e) => Receive(KernelChannel.Shell, e.Socket);
        _control.ReceiveReady += (_, e) => Receive(KernelChannel.Control, e.Socket);
        _stdin.ReceiveReady += (_, e) => Receive(KernelChannel.Stdin, e.Socket);
        _heartbeat.ReceiveReady += (_, e) =>
        {
            // Heartbeat: echo whatever arrives, so the front end knows the process is alive.
            while (e.Socket.TryReceiveMultipartBytes(ref _heartbeatFrames)) e.Socket.SendMultipartBytes(_heartbeatFrames);
        };
        _outgoing.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero)) Transmit(item.Channel, item.Message);
        };
        _poller = new NetMQPoller { _shell, _control, _stdin, _iopub, _heartbeat, _outgoing };
    }

    /// <summary>The codec (signing key) used for every message.</summary>
    public MessageCodec Codec => _codec;

    /// <summary>Starts the poller thread.</summary>
    public void Start() => _poller.RunAsync("jupyter-sockets", isBackgroundThread: true);

    /// <summary>Queues <paramref name="message"/> for <paramref name="channel"/>; safe from any thread, order kept.</summary>
    public void Send(KernelChannel channel, JupyterMessage message)
    {
        if (_disposed) return;
        _outgoing.Enqueue((channel, message));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // Stop lets the queue drain first: the poller handles what is ready before it exits.
        if (_poller.IsRunning) _poller.Stop();
        _poller.Dispose();
        foreach (IDisposable d in new IDisposable[] { _shell, _control, _stdin, _iopub, _heartbeat, _outgoing }) d.Dispose();
    }

    private void Receive(KernelChannel channel, NetMQSocket socket)
    {
        // Decode copies what it keeps out of the list, so one list serves every receive.
        List<byte[]> frames = [];
        while (socket.TryReceiveMultipartBytes(ref frames))
        {
            var message = _codec.Decode(frames, out string problem);
            if (message is null)
            {
                _log.WriteLine($"[kernel] {channel}: dropped a message: {problem}");
                continue;
            }
            try
            {
                _onMessage(channel, message);
            }
            catch (Exception e)
            {
                // One bad request must not take the socket thread down with it.
                _log.WriteLine($"[kernel] {channel}: {message.MessageType} failed: {e}");
            }
        }
    }

    private void Transmit(KernelChannel channel, JupyterMessage message)
    {
        var socket = channel switch
        {
            KernelChannel.Shell => (NetMQSocket)_shell,
            KernelChannel.Control => _control,
            KernelChannel.Stdin => _stdin,
            _ => _iopub,
        };
        try
        {
            socket.SendMultipartBytes(_codec.Encode(message));
        }
        catch (Exception e) when (e is NetMQException or ObjectDisposedException)
        {
            _log.WriteLine($"[kernel] {channel}: could not send {message.MessageType}: {e.Message}");
        }
    }
}
