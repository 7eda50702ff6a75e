using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Kernel;

/// <summary>
/// Encodes and decodes the ZeroMQ frames of a Jupyter message:
/// <c>[identities…, "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata, content, buffers…]</c>.
/// The signature is the hex HMAC-SHA256 of the four JSON frames under the connection key; an empty key
/// means unsigned messages, as in Jupyter.
/// </summary>
public sealed class MessageCodec(string key)
{
    /// <summary>The frame that separates routing identities from the message.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    private readonly byte[] _key = Encoding.UTF8.GetBytes(key ?? "");

    /// <summary>The frames of <paramref name="message"/>, signed.</summary>
    public List<byte[]> Encode(JupyterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        byte[][] parts = [Json(message.Header), Json(message.ParentHeader), Json(message.Metadata), Json(message.Content)];
        var frames = new List<byte[]>(message.Identities.Count + 6 + message.Buffers.Count);
        frames.AddRange(message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(Sign(parts)));
        frames.AddRange(parts);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>
    /// Parses and verifies received frames. Returns null and says why in <paramref name="problem"/> when the
    /// frames are malformed or the signature does not match (such a message must not be answered).
    /// </summary>
    public JupyterMessage? Decode(IReadOnlyList<byte[]> frames, out string problem)
    {
        ArgumentNullException.ThrowIfNull(frames);
        int delimiter = -1;
        for (int i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0)
        {
            problem = $"no <IDS|MSG> delimiter among {frames.Count} frames";
            return null;
        }
        if (frames.Count < delimiter + 6)
        {
            problem = $"{frames.Count - delimiter - 1} frames after the delimiter, expected at least 5 (signature, header, parent_header, metadata, content)";
            return null;
        }
        byte[][] parts = [frames[delimiter + 2], frames[delimiter + 3], frames[delimiter + 4], frames[delimiter + 5]];
        if (_key.Length > 0)
        {
            byte[] expected = Encoding.ASCII.GetBytes(Sign(parts));
            // Constant time, so the signature cannot be guessed byte by byte from reply timing.
            if (!CryptographicOperations.FixedTimeEquals(expected, frames[delimiter + 1]))
            {
                problem = "invalid HMAC signature";
                return null;
            }
        }
        var json = new JsonObject[4];
        string[] names = ["header", "parent_header", "metadata", "content"];
        for (int i = 0; i < 4; i++)
        {
            try
            {
                json[i] = JsonNode.Parse(parts[i]) as JsonObject ?? throw new JsonException("not a JSON object");
            }
            catch (JsonException e)
            {
                problem = $"{names[i]} is not a JSON object: {e.Message}";
                return null;
            }
        }
        if (json[0]["msg_type"] is not JsonValue type || !type.TryGetValue(out string? _))
        {
            problem = "header has no msg_type";
            return null;
        }
        problem = "";
        return new JupyterMessage(frames.Take(delimiter).ToArray(), json[0], json[1], json[2], json[3], frames.Skip(delimiter + 6).ToArray());
    }

    /// <summary>The hex HMAC-SHA256 of the four JSON frames ("" without a key).</summary>
    public string Sign(IReadOnlyList<byte[]> parts)
    {
        if (_key.Length == 0) return "";
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        foreach (var part in parts) hmac.AppendData(part);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    private static byte[] Json(JsonObject node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
