using Workbench.Display;
using Workbench.Notebooks;

namespace Workbench.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public sealed class ScriptSessionTests
{
    [Fact]
    public async Task Execution_counts_increase_and_state_survives_a_runtime_error()
    {
        using var session = new ScriptSession();

        var first = await session.ExecuteAsync("var total = 5;");
        var failed = await session.ExecuteAsync("total = 7; throw new ArgumentException(\"bad\", \"p\");");
        var after = await session.ExecuteAsync("total");

        Assert.Equal(1, first.ExecutionCount);
        Assert.True(first.Succeeded);
        Assert.Equal(2, failed.ExecutionCount);
        Assert.Equal("System.ArgumentException", failed.Error!.EName);
        Assert.IsType<ErrorOutput>(failed.Outputs[^1]);
        Assert.Equal(3, after.ExecutionCount);
        Assert.Equal("7", Assert.IsType<ExecuteResultOutput>(Assert.Single(after.Outputs)).Data[MimeTypes.PlainText]);
    }

    [Fact]
    public async Task Compile_error_leaves_state_unchanged()
    {
        using var session = new ScriptSession();
        await session.ExecuteAsync("var v = 1;");

        var broken = await session.ExecuteAsync("v = 2;\nint w = \"text\";");
        var after = await session.ExecuteAsync("v");

        Assert.Equal("CompilationError", broken.Error!.EName);
        Assert.Contains("(2,", broken.Error.EValue);
        Assert.Equal("1", Assert.IsType<ExecuteResultOutput>(after.Outputs[0]).Data[MimeTypes.PlainText]);
    }

    [Fact]
    public void Workbench_and_system_namespaces_are_imported()
    {
        using var session = new ScriptSession();

        Assert.Contains("Workbench.Display", session.Imports);
        Assert.Contains("System.Linq", session.Imports);
        Assert.Contains("System.Threading.Tasks", session.Imports);
    }

    [Fact]
    public async Task Cells_can_await_and_use_the_base_class_library()
    {
        using var session = new ScriptSession();

        var result = await session.ExecuteAsync("await Task.Delay(1);\nSystem.Text.Json.JsonSerializer.Serialize(new[] { 1, 2 }.Select(i => i * 2))");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("[2,4]", Assert.IsType<ExecuteResultOutput>(result.Outputs[0]).Data[MimeTypes.PlainText]);
    }

    [Fact]
    public async Task Display_outside_a_cell_is_an_error_and_null_shows_as_null()
    {
        using var session = new ScriptSession();

        var result = await session.ExecuteAsync("display(null);\nstring s = null;\ndisplay(new List<int> { 1, 2 });");

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("<null>", Assert.IsType<DisplayDataOutput>(result.Outputs[0]).Data[MimeTypes.PlainText]);
        Assert.Equal("[1, 2]", Assert.IsType<DisplayDataOutput>(result.Outputs[1]).Data[MimeTypes.PlainText]);
        Assert.Throws<InvalidOperationException>(() => new NotebookGlobals().display(1));
    }

    [Fact]
    public void Bad_base_directory_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScriptSession("/definitely/not/here"));
        Assert.Equal("baseDirectory", error.ParamName);
    }
}
