using System.Globalization;
using System.Text.Json.Nodes;

namespace Workbench.Kernel;

/// <summary>
/// A message of the Jupyter messaging protocol. <paramref name="Identities"/> are the ZeroMQ routing
/// frames a reply must carry back (or the topic on iopub); the JSON parts are kept as nodes because
/// every message type has its own content.
/// </summary>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The header's msg_type (e.g. execute_request); "" when missing.</summary>
    public string MessageType => Header["msg_type"] is JsonValue v && v.TryGetValue(out string? s) ? s : "";

    /// <summary>The header's session; "" when missing.</summary>
    public string Session => Header["session"] is JsonValue v && v.TryGetValue(out string? s) ? s : "";

    /// <summary>A new message answering or caused by <paramref name="parent"/> (its header becomes the parent header).</summary>
    public static JupyterMessage Create(string messageType, JsonObject content, JupyterMessage? parent, string session,
        IReadOnlyList<byte[]>? identities = null) =>
        new(identities ?? parent?.Identities ?? [], NewHeader(messageType, session, parent),
            parent is null ? new JsonObject() : (JsonObject)parent.Header.DeepClone(), new JsonObject(), content, []);

    private static JsonObject NewHeader(string messageType, string session, JupyterMessage? parent) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"),
        ["session"] = session,
        ["username"] = parent?.Header["username"]?.DeepClone() ?? "workbench",
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["msg_type"] = messageType,
        ["version"] = ProtocolVersion,
    };
}
