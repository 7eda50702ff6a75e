using Workbench.Display;
using Workbench.Notebooks;

namespace Workbench.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public sealed class NotebookRunnerTests
{
    [Fact]
    public async Task Cells_share_state_and_final_expression_becomes_execute_result()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("state.ipynb", "var x = 20;", "x + 22", "var y = x * 2;\ny");

        var result = await NotebookRunner.RunAsync(input);

        Assert.True(result.Succeeded, result.Error?.EValue);
        var notebook = Notebook.Load(result.OutputPath);
        Assert.Empty(notebook.Cells[0].Outputs);
        Assert.Equal(1, notebook.Cells[0].ExecutionCount);
        var second = Assert.IsType<ExecuteResultOutput>(Assert.Single(notebook.Cells[1].Outputs));
        Assert.Equal(2, second.ExecutionCount);
        Assert.Equal("42", second.Data[MimeTypes.PlainText]);
        var third = Assert.IsType<ExecuteResultOutput>(Assert.Single(notebook.Cells[2].Outputs));
        Assert.Equal("40", third.Data[MimeTypes.PlainText]);
        Assert.Equal(3, third.ExecutionCount);
    }

    [Fact]
    public async Task Default_output_is_next_to_input_and_input_is_untouched()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("keep.ipynb", "1 + 1");
        string before = File.ReadAllText(input);

        var result = await NotebookRunner.RunAsync(input);

        Assert.Equal(folder.File("keep.executed.ipynb"), result.OutputPath);
        Assert.True(File.Exists(result.OutputPath));
        Assert.Equal(before, File.ReadAllText(input));
    }

    [Fact]
    public async Task Console_output_becomes_stream_outputs_in_order_with_displays()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("console.ipynb",
            "Console.WriteLine(\"hello\");\nConsole.Write(\"same \");\nConsole.WriteLine(\"stream\");\nConsole.Error.WriteLine(\"warn\");\ndisplay(\"shown\");\nConsole.WriteLine(\"after\");");
        var originalOut = Console.Out;

        var result = await NotebookRunner.RunAsync(input);

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Same(originalOut, Console.Out);
        var outputs = result.Notebook.Cells[0].Outputs;
        Assert.Equal(4, outputs.Count);
        Assert.Equal(new StreamOutput("stdout", "hello\nsame stream\n"), outputs[0]);
        Assert.Equal(new StreamOutput("stderr", "warn\n"), outputs[1]);
        Assert.Equal("shown", Assert.IsType<DisplayDataOutput>(outputs[2]).Data[MimeTypes.PlainText]);
        Assert.Equal(new StreamOutput("stdout", "after\n"), outputs[3]);
    }

    [Fact]
    public async Task Display_of_a_chart_gives_svg_display_data_and_records_give_a_table()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("display.ipynb",
            "display(new BarChart(new[] { new BarItem(\"neutrophil\", 0.925) }, \"F1 per class\"));",
            "record Row(string Name, int Count);\nnew[] { new Row(\"a\", 1), new Row(\"b\", 22) }");

        var result = await NotebookRunner.RunAsync(input);

        Assert.True(result.Succeeded, result.Error?.EValue);
        var display = Assert.IsType<DisplayDataOutput>(Assert.Single(result.Notebook.Cells[0].Outputs));
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", display.Data[MimeTypes.Svg]);
        Assert.Contains("0.925", display.Data[MimeTypes.Svg]);
        var table = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Notebook.Cells[1].Outputs));
        Assert.Contains("<th", table.Data[MimeTypes.Html]);
        Assert.Contains(">22</td>", table.Data[MimeTypes.Html]);
    }

    [Fact]
    public async Task Failing_cell_stops_the_run_and_partial_notebook_is_written()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("fail.ipynb",
            "Console.WriteLine(\"before\");",
            "throw new InvalidOperationException(\"boom\");",
            "Console.WriteLine(\"after\");");

        var result = await NotebookRunner.RunAsync(input, new RunOptions { HtmlPath = folder.File("fail.html") });

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.FailedCellIndex);
        Assert.Equal("System.InvalidOperationException", result.Error!.EName);
        Assert.Equal("boom", result.Error.EValue);
        var written = Notebook.Load(result.OutputPath);
        Assert.Equal(new StreamOutput("stdout", "before\n"), Assert.Single(written.Cells[0].Outputs));
        var error = Assert.IsType<ErrorOutput>(Assert.Single(written.Cells[1].Outputs));
        Assert.Equal("boom", error.EValue);
        Assert.Contains(error.Traceback, line => line.Contains("InvalidOperationException"));
        Assert.Empty(written.Cells[2].Outputs);
        Assert.Null(written.Cells[2].ExecutionCount);
        Assert.False(written.Metadata["workbench"]!["succeeded"]!.GetValue<bool>());
        Assert.Contains("boom", File.ReadAllText(folder.File("fail.html")));
        Assert.Empty(NbformatValidator.ValidateFile(result.OutputPath));
    }

    [Fact]
    public async Task Compile_error_is_reported_with_its_diagnostic()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("compile.ipynb", "var a = 1;", "a + undefinedName", "a");

        var result = await NotebookRunner.RunAsync(input);

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.FailedCellIndex);
        Assert.Equal("CompilationError", result.Error!.EName);
        Assert.Contains("CS0103", result.Error.EValue);
        Assert.Contains("undefinedName", result.Error.EValue);
        Assert.Empty(result.Notebook.Cells[2].Outputs);
    }

    [Fact]
    public async Task Working_directory_is_the_notebook_folder_during_the_run_and_restored_after()
    {
        using var folder = new TempNotebookFolder();
        File.WriteAllText(folder.File("data.txt"), "payload");
        string input = folder.Write("cwd.ipynb", "File.ReadAllText(\"data.txt\") + \"|\" + Environment.CurrentDirectory");
        string before = Environment.CurrentDirectory;

        var result = await NotebookRunner.RunAsync(input);

        Assert.True(result.Succeeded, result.Error?.EValue);
        var output = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Notebook.Cells[0].Outputs));
        Assert.Equal("payload|" + folder.Path, output.Data[MimeTypes.PlainText]);
        Assert.Equal(before, Environment.CurrentDirectory);
    }

    [Fact]
    public async Task Records_timings_and_run_metadata_when_asked()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("timing.ipynb", "System.Threading.Thread.Sleep(50);");
        string html = folder.File("timing.html");

        var result = await NotebookRunner.RunAsync(input, new RunOptions { RecordTiming = true, HtmlPath = html });

        var execution = result.Notebook.Cells[0].Metadata["execution"]!;
        var started = DateTimeOffset.Parse(execution["iopub.execute_input"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var finished = DateTimeOffset.Parse(execution["shell.execute_reply"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(finished - started >= TimeSpan.FromMilliseconds(45), $"{started:o} -> {finished:o}");
        var run = result.Notebook.Metadata["workbench"]!;
        Assert.True(run["duration_seconds"]!.GetValue<double>() >= 0.045);
        Assert.NotNull(run["executed_at"]);
        Assert.True(run["succeeded"]!.GetValue<bool>());
        Assert.Contains("Executed ", File.ReadAllText(html));
    }

    [Fact]
    public async Task By_default_an_executed_notebook_keeps_no_timing_not_even_from_an_earlier_execution()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("again.ipynb", "1 + 1");
        string html = folder.File("again.html");
        await NotebookRunner.RunAsync(input, new RunOptions { RecordTiming = true, OutputPath = input });

        var result = await NotebookRunner.RunAsync(input, new RunOptions { OutputPath = input, HtmlPath = html });

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Null(result.Notebook.Cells[0].Metadata["execution"]);
        var run = result.Notebook.Metadata["workbench"]!.AsObject();
        Assert.False(run.ContainsKey("executed_at"));
        Assert.False(run.ContainsKey("duration_seconds"));
        Assert.True(run["succeeded"]!.GetValue<bool>());
        string saved = File.ReadAllText(input);
        Assert.DoesNotContain("execute_input", saved);
        Assert.DoesNotContain("duration_seconds", saved);
        // The report's header keeps the day it ran, never the time or the duration.
        Assert.DoesNotMatch(@"Executed \d{4}-\d\d-\d\dT|in \d+\.\d s", File.ReadAllText(html));
    }

    [Fact]
    public async Task Cell_timeout_fails_the_cell()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("slow.ipynb", "System.Threading.Thread.Sleep(1500);", "1");

        var result = await NotebookRunner.RunAsync(input, new RunOptions { CellTimeout = TimeSpan.FromMilliseconds(200) });

        Assert.False(result.Succeeded);
        Assert.Equal("TimeoutException", result.Error!.EName);
        Assert.Empty(result.Notebook.Cells[1].Outputs);
    }

    [Fact]
    public async Task Polyglot_csharp_magic_is_stripped_and_other_kernels_are_rejected()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("magic.ipynb", "#!csharp\n6 * 7", "#!pwsh\nGet-Date");

        var result = await NotebookRunner.RunAsync(input);

        Assert.Equal("42", Assert.IsType<ExecuteResultOutput>(result.Notebook.Cells[0].Outputs[0]).Data[MimeTypes.PlainText]);
        Assert.Equal(1, result.FailedCellIndex);
        Assert.Contains("#!pwsh", result.Error!.EValue);
    }
}
