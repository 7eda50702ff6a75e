// Notebook tests: the sink-based execution API shared by the runner and the Jupyter kernel (streaming, display updates, interrupts).
using Workbench.Display;
using Workbench.Notebooks;

namespace Workbench.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public sealed class CellExecutionTests
{
    /// <summary>Records what a cell sends, and signals the first stream text.</summary>
    private sealed class RecordingSink : ICellOutputSink
    {
        public TaskCompletionSource<string> FirstText { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Events { get; } = [];

        public void WriteStream(string name, string text)
        {
            lock (Events) Events.Add($"{name}:{text}");
            FirstText.TrySetResult(text);
        }

        public void Add(CellOutput output, string? displayId = null)
        {
            lock (Events) Events.Add(output.OutputType);
        }

        public bool TryUpdateDisplay(string displayId, IReadOnlyDictionary<string, string> data) => false;

        public string ReadInput(string prompt, bool password) => "typed:" + prompt;
    }

    [Fact]
    public async Task Console_text_reaches_the_sink_while_the_cell_still_runs()
    {
        using var session = new ScriptSession();
        var sink = new RecordingSink();

        var running = session.ExecuteAsync("Console.WriteLine(\"first\"); await Task.Delay(3000); Console.WriteLine(input(\"q\"));", sink);
        string first = await sink.FirstText.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.False(running.IsCompleted, "the sink only heard of the text after the cell ended");
        Assert.Equal("first\n", first);
        var result = await running;
        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(["stdout:first\n", "stdout:typed:q\n"], sink.Events);
    }

    [Fact]
    public async Task Display_handle_updates_in_place_and_is_not_shown_as_a_result()
    {
        using var session = new ScriptSession();

        var result = await session.ExecuteAsync("var h = display(1);\nConsole.WriteLine(\"x\");\nh.Update(new HtmlTable(new[] { \"a\" }, new[] { new[] { \"2\" } }));\ndisplay(3)");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(["display_data", "stream", "display_data"], result.Outputs.Select(o => o.OutputType));
        Assert.Contains(MimeTypes.Html, ((DisplayDataOutput)result.Outputs[0]).Data.Keys);
        Assert.Equal("3", ((DisplayDataOutput)result.Outputs[2]).Data[MimeTypes.PlainText]);
    }

    [Fact]
    public async Task Input_in_the_headless_runner_is_a_clear_error()
    {
        using var session = new ScriptSession();

        var result = await session.ExecuteAsync("var name = input(\"who? \");");

        Assert.Equal("System.InvalidOperationException", result.Error!.EName);
        Assert.Contains("headless runner has no stdin", result.Error.EValue);
    }

    [Theory]
    [InlineData("Cancellation")]
    [InlineData("NotebookCancellation.Token")]
    public async Task A_cell_that_checks_its_token_stops_and_the_state_goes_on_with_a_fresh_token(string token)
    {
        using var session = new ScriptSession();
        await session.ExecuteAsync("var kept = 5;");
        using var interrupt = new CancellationTokenSource();
        // Interrupt once the cell runs, not after a fixed delay: on a loaded machine compiling the cell alone can take
        // longer than any delay short enough for a test, and a cell cancelled before it starts never sets kept.
        var started = Path.Combine(Path.GetTempPath(), $"wb-cell-started-{Guid.NewGuid():N}");
        var running = session.ExecuteAsync(
            $"kept = 6; System.IO.File.WriteAllText(@\"{started}\", \"\"); while (true) await Task.Delay(20, {token});", new RecordingSink(),
            CellExecutionOptions.Default with { GracePeriod = TimeSpan.FromSeconds(30) }, interrupt.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!File.Exists(started) && !running.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(20);
        interrupt.Cancel();
        var stopped = await running;
        File.Delete(started);
        var after = await session.ExecuteAsync($"$\"{{kept}} {{{token}.CanBeCanceled && !{token}.IsCancellationRequested}}\"");

        Assert.Equal("OperationCanceledException", stopped.Error!.EName);
        Assert.DoesNotContain("abandoned", stopped.Error.EValue);
        Assert.Equal("6 True", Assert.IsType<ExecuteResultOutput>(Assert.Single(after.Outputs)).Data[MimeTypes.PlainText]);
        // Outside a cell, as in a session that never sets it, there is nothing to cancel.
        Assert.False(Workbench.Reports.NotebookCancellation.Token.CanBeCanceled);
    }

    [Fact]
    public async Task Interrupting_a_training_cell_stops_Fitter_at_its_next_check_through_the_Cancellation_global()
    {
        using var session = new ScriptSession();
        // 64 random 16 px images, 4 classes; 10,000 epochs would take minutes, so only the interrupt ends it.
        var setup = await session.ExecuteAsync("using Workbench.Engine;\nvar random = new Random(1); var pixels = new byte[64 * 16 * 16 * 3]; random.NextBytes(pixels);\n"
            + "var images = ImageSet.FromBytes(pixels, 16); var ids = Enumerable.Range(0, 64).ToArray(); var labels = ids.Select(i => i % 4).ToArray();\n"
            + "var model = Model.Create(Architecture.SmallCnn, 4, 1);");
        Assert.True(setup.Succeeded, setup.Error?.EValue);
        var sink = new RecordingSink();
        using var interrupt = new CancellationTokenSource();

        var training = session.ExecuteAsync("TrainingLoop.Fit(model, images, ids, labels, null, new FitOptions { Epochs = 10_000, BatchSize = 16 },\n"
            + "    new Progress<EpochResult>(e => { if (e.Epoch == 1) Console.WriteLine(\"training\"); }), Cancellation);", sink,
            CellExecutionOptions.Default with { GracePeriod = TimeSpan.FromSeconds(60) }, interrupt.Token);
        await sink.FirstText.Task.WaitAsync(TimeSpan.FromMinutes(2));
        interrupt.Cancel();
        var stopped = await training;
        var after = await session.ExecuteAsync("model.NumClasses");

        Assert.Equal("OperationCanceledException", stopped.Error!.EName);
        Assert.DoesNotContain("abandoned", stopped.Error.EValue);
        Assert.Equal("4", Assert.IsType<ExecuteResultOutput>(Assert.Single(after.Outputs)).Data[MimeTypes.PlainText]);
    }

    [Fact]
    public async Task A_cell_that_ignores_Cancellation_is_abandoned_after_the_grace_period_and_the_session_stays_usable()
    {
        using var session = new ScriptSession();
        await session.ExecuteAsync("var kept = 5;");
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var abandoned = await session.ExecuteAsync("var lost = 1; System.Threading.Thread.Sleep(4000);", new RecordingSink(),
            CellExecutionOptions.Default with { GracePeriod = TimeSpan.FromMilliseconds(200) }, interrupt.Token);
        var after = await session.ExecuteAsync("kept");
        var lost = await session.ExecuteAsync("lost");

        Assert.Contains("abandoned", abandoned.Error!.EValue);
        Assert.Equal("5", Assert.IsType<ExecuteResultOutput>(Assert.Single(after.Outputs)).Data[MimeTypes.PlainText]);
        // Later cells continue from the state before the abandoned cell.
        Assert.Equal("CompilationError", lost.Error!.EName);
    }
}
