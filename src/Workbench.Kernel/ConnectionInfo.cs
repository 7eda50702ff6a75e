using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Kernel;

/// <summary>The contents of a Jupyter connection file: where the five sockets bind and how messages are signed.</summary>
public sealed record ConnectionInfo(
    [property: JsonPropertyName("transport")] string Transport,
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("shell_port")] int ShellPort,
    [property: JsonPropertyName("iopub_port")] int IopubPort,
    [property: JsonPropertyName("stdin_port")] int StdinPort,
    [property: JsonPropertyName("control_port")] int ControlPort,
    [property: JsonPropertyName("hb_port")] int HeartbeatPort,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("signature_scheme")] string SignatureScheme)
{
    /// <summary>The only signature scheme this kernel speaks (and the one Jupyter uses).</summary>
    public const string HmacSha256 = "hmac-sha256";

    /// <summary>Reads and checks a connection file; throws ArgumentException/FileNotFoundException with a clear message.</summary>
    public static ConnectionInfo Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"connection file '{path}' does not exist", path);
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"connection file '{path}' is not valid JSON: {e.Message}", nameof(path), e);
        }
        if (info is null) throw new ArgumentException($"connection file '{path}' is empty", nameof(path));
        return info.Validated(path);
    }

    /// <summary>The ZeroMQ endpoint of a port, e.g. tcp://127.0.0.1:5555.</summary>
    public string Endpoint(int port) => Transport == "ipc" ? $"ipc://{Ip}-{port}" : $"{Transport}://{Ip}:{port}";

    private ConnectionInfo Validated(string path)
    {
        var problems = new List<string>();
        if (Transport is not ("tcp" or "ipc")) problems.Add($"transport '{Transport}' (expected tcp or ipc)");
        if (string.IsNullOrWhiteSpace(Ip)) problems.Add("no ip");
        foreach (var (name, port) in new[] { ("shell_port", ShellPort), ("iopub_port", IopubPort), ("stdin_port", StdinPort), ("control_port", ControlPort), ("hb_port", HeartbeatPort) })
            if (port is <= 0 or > 65535) problems.Add($"{name} {port}");
        // An empty key means "unsigned" in Jupyter; any other scheme we could not verify.
        if (!string.IsNullOrEmpty(Key) && SignatureScheme != HmacSha256) problems.Add($"signature_scheme '{SignatureScheme}' (only {HmacSha256} is supported)");
        if (problems.Count > 0) throw new ArgumentException($"connection file '{path}': {string.Join("; ", problems)}", nameof(path));
        return this with { Key = Key ?? "", SignatureScheme = SignatureScheme ?? HmacSha256 };
    }
}
