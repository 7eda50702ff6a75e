using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Workbench.Display;
using Workbench.Notebooks;

namespace Workbench.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public sealed class ReferenceDirectiveTests
{
    [Fact]
    public async Task Relative_r_directive_loads_a_dll_from_the_notebook_folder()
    {
        using var folder = new TempNotebookFolder();
        Directory.CreateDirectory(folder.File("lib"));
        CompileLibrary(folder.File(Path.Combine("lib", "GreeterLib.dll")),
            "namespace GreeterLib { public static class Greeter { public static string Hello(string who) => \"hello \" + who; } }");
        string input = folder.Write("ref.ipynb", "#r \"lib/GreeterLib.dll\"\nGreeterLib.Greeter.Hello(\"notebook\")");

        // Run from another current directory to prove resolution is relative to the notebook.
        var result = await NotebookRunner.RunAsync(input, new RunOptions { WorkingDirectory = Path.GetTempPath() });

        Assert.True(result.Succeeded, result.Error?.EValue);
        var output = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Notebook.Cells[0].Outputs));
        Assert.Equal("hello notebook", output.Data[MimeTypes.PlainText]);
    }

    [Fact]
    public async Task A_copy_of_the_core_library_can_be_referenced_and_its_types_display_richly()
    {
        using var folder = new TempNotebookFolder();
        File.Copy(typeof(IRichDisplay).Assembly.Location, folder.File("Workbench.Core.dll"));
        string input = folder.Write("core.ipynb",
            "#r \"Workbench.Core.dll\"\nusing Workbench.Display;\nnew HtmlTable(new[] { \"class\", \"f1\" }, new[] { new[] { \"band\", \"0.84\" } })");

        var result = await NotebookRunner.RunAsync(input);

        Assert.True(result.Succeeded, result.Error?.EValue);
        var output = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Notebook.Cells[0].Outputs));
        Assert.Contains("<td", output.Data[MimeTypes.Html]);
        Assert.Contains("0.84", output.Data[MimeTypes.PlainText]);
    }

    [Fact]
    public async Task Relative_load_directive_includes_a_script_from_the_notebook_folder()
    {
        using var folder = new TempNotebookFolder();
        Directory.CreateDirectory(folder.File("scripts"));
        File.WriteAllText(folder.File(Path.Combine("scripts", "helpers.csx")), "int Twice(int v) => 2 * v;");
        string input = folder.Write("load.ipynb", "#load \"scripts/helpers.csx\"\nTwice(21)");

        var result = await NotebookRunner.RunAsync(input, new RunOptions { WorkingDirectory = Path.GetTempPath() });

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("42", Assert.IsType<ExecuteResultOutput>(result.Notebook.Cells[0].Outputs[0]).Data[MimeTypes.PlainText]);
    }

    [Fact]
    public async Task Missing_dll_is_a_compile_error_naming_the_file()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("missing.ipynb", "#r \"nope/Missing.dll\"\n1");

        var result = await NotebookRunner.RunAsync(input);

        Assert.False(result.Succeeded);
        Assert.Contains("Missing.dll", result.Error!.EValue);
    }

    [Fact]
    public async Task NuGet_references_get_a_clear_error()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("nuget.ipynb", "#r \"nuget: Newtonsoft.Json\"");

        var result = await NotebookRunner.RunAsync(input);

        Assert.Equal("UnsupportedDirective", result.Error!.EName);
        Assert.Contains("NuGet", result.Error.EValue);
    }

    private static void CompileLibrary(string path, string source)
    {
        var compilation = CSharpCompilation.Create(Path.GetFileNameWithoutExtension(path),
            [CSharpSyntaxTree.ParseText(source)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
             MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll"))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var emit = compilation.Emit(path);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
    }
}
