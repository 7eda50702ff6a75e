// Kernel tests: the wire format, HMAC signing, and what a malformed or badly signed message turns into.
using System.Text;
using System.Text.Json.Nodes;
using Workbench.Kernel;

namespace Workbench.Tests.Kernel;

public sealed class MessageCodecTests
{
    private static JupyterMessage Sample() =>
        JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1 + 1" }, null, "session-1", [Encoding.ASCII.GetBytes("client-7")]);

    [Fact]
    public void Encoded_message_decodes_to_the_same_parts_with_identities_kept()
    {
        var codec = new MessageCodec("secret");

        var frames = codec.Encode(Sample());
        var decoded = codec.Decode(frames, out string problem);

        Assert.Equal("", problem);
        Assert.NotNull(decoded);
        Assert.Equal("client-7", Encoding.ASCII.GetString(Assert.Single(decoded.Identities)));
        Assert.Equal("execute_request", decoded.MessageType);
        Assert.Equal("1 + 1", decoded.Content["code"]!.GetValue<string>());
        Assert.Equal("5.3", decoded.Header["version"]!.GetValue<string>());
    }

    [Fact]
    public void Signature_is_the_hex_hmac_sha256_of_the_four_json_frames()
    {
        var codec = new MessageCodec("key");
        byte[][] parts = [Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{}")];

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("key"u8, Encoding.UTF8.GetBytes("{}{}{}{}"))), codec.Sign(parts));
        Assert.Equal("", new MessageCodec("").Sign(parts));
    }

    [Fact]
    public void Tampered_content_or_another_key_is_rejected()
    {
        var frames = new MessageCodec("secret").Encode(Sample());
        var tampered = frames.ToList();
        tampered[^1] = Encoding.UTF8.GetBytes("{\"code\":\"rm()\"}");

        Assert.Null(new MessageCodec("secret").Decode(tampered, out string problem));
        Assert.Equal("invalid HMAC signature", problem);
        Assert.Null(new MessageCodec("other").Decode(frames, out problem));
        Assert.Equal("invalid HMAC signature", problem);
    }

    [Theory]
    [InlineData("no-delimiter", "no <IDS|MSG> delimiter")]
    [InlineData("too-few", "expected at least 5")]
    [InlineData("bad-json", "header is not a JSON object")]
    [InlineData("no-type", "header has no msg_type")]
    public void Malformed_frames_say_what_is_wrong(string kind, string expected)
    {
        var codec = new MessageCodec("");
        byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
        List<byte[]> frames = kind switch
        {
            "no-delimiter" => [Text("a"), Text("b")],
            "too-few" => [MessageCodec.Delimiter, Text(""), Text("{}")],
            "bad-json" => [MessageCodec.Delimiter, Text(""), Text("{nope"), Text("{}"), Text("{}"), Text("{}")],
            _ => [MessageCodec.Delimiter, Text(""), Text("{}"), Text("{}"), Text("{}"), Text("{}")],
        };

        Assert.Null(codec.Decode(frames, out string problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Connection_file_problems_are_listed()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"transport\":\"udp\",\"ip\":\"127.0.0.1\",\"shell_port\":0,\"iopub_port\":2,\"stdin_port\":3,\"control_port\":4,\"hb_port\":5,\"key\":\"k\",\"signature_scheme\":\"hmac-md5\"}");
            var error = Assert.Throws<ArgumentException>(() => ConnectionInfo.Load(path));
            Assert.Contains("transport 'udp'", error.Message);
            Assert.Contains("shell_port 0", error.Message);
            Assert.Contains("hmac-md5", error.Message);
            File.WriteAllText(path, "{not json");
            Assert.Contains("not valid JSON", Assert.Throws<ArgumentException>(() => ConnectionInfo.Load(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
