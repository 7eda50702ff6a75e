// Kernel tests: how a cell's outputs become iopub messages (batching, chunking, display ids, closing).
using System.Text.Json.Nodes;
using Workbench.Kernel;
using Workbench.Notebooks;

namespace Workbench.Tests.Kernel;

public sealed class IopubSinkTests
{
    private readonly List<(string Type, JsonObject Content)> _sent = [];

    private IopubSink NewSink(Func<string, bool, string>? input = null) => new((type, content) =>
    {
        lock (_sent) _sent.Add((type, content));
    }, input);

    [Fact]
    public void Long_text_is_split_into_chunks_that_add_up_and_never_split_a_surrogate_pair()
    {
        using var sink = NewSink();
        string text = new string('x', IopubSink.MaxChunkChars - 1) + "😀" + new string('y', 2 * IopubSink.MaxChunkChars);

        sink.WriteStream(StreamOutput.StdOut, text);
        sink.Close();

        Assert.All(_sent, m => Assert.Equal("stream", m.Type));
        Assert.True(_sent.Count >= 3, $"{_sent.Count} messages");
        Assert.All(_sent, m => Assert.True(m.Content["text"]!.GetValue<string>().Length <= IopubSink.MaxChunkChars));
        Assert.Equal(text, string.Concat(_sent.Select(m => m.Content["text"]!.GetValue<string>())));
        Assert.EndsWith("😀", _sent[0].Content["text"]!.GetValue<string>() + _sent[1].Content["text"]!.GetValue<string>()[..2]);
    }

    [Fact]
    public void Pending_text_goes_out_before_a_display_and_nothing_after_close()
    {
        var sink = NewSink();

        sink.WriteStream(StreamOutput.StdOut, "a");
        sink.WriteStream(StreamOutput.StdOut, "b");
        sink.Add(new DisplayDataOutput(new Dictionary<string, string> { ["text/plain"] = "d" }), "id-1");
        Assert.True(sink.TryUpdateDisplay("id-1", new Dictionary<string, string> { ["text/plain"] = "e" }));
        sink.Close();
        sink.WriteStream(StreamOutput.StdOut, "late");

        Assert.Equal(["stream", "display_data", "update_display_data"], _sent.Select(m => m.Type));
        Assert.Equal("ab", _sent[0].Content["text"]!.GetValue<string>());
        Assert.Equal("id-1", _sent[1].Content["transient"]!["display_id"]!.GetValue<string>());
        Assert.False(sink.TryUpdateDisplay("id-1", new Dictionary<string, string>()));
    }

    [Fact]
    public async Task Text_is_published_by_the_timer_without_waiting_for_the_cell_to_end()
    {
        using var sink = NewSink();

        sink.WriteStream(StreamOutput.StdErr, "progress");
        await Task.Delay(IopubSink.FlushInterval * 10);

        lock (_sent) Assert.Equal("progress", Assert.Single(_sent).Content["text"]!.GetValue<string>());
    }

    [Fact]
    public void Input_without_stdin_is_refused_with_the_reason()
    {
        using var sink = NewSink();

        var error = Assert.Throws<InvalidOperationException>(() => sink.ReadInput("?", false));
        Assert.Contains("did not allow stdin", error.Message);
        using var withStdin = NewSink((prompt, _) => prompt + "!");
        Assert.Equal("?!", withStdin.ReadInput("?", false));
    }
}
