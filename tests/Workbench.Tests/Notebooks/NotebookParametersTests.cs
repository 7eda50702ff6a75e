using Workbench.Display;
using Workbench.Notebooks;

namespace Workbench.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public sealed class NotebookParametersTests
{
    private const string Defaults = "int epochs = 3;\ndouble threshold = 0.97;\nstring split = \"paper\";\nbool grouped = false;\nvar rounds = 2;\nvar lr = 0.01;\nlong seed = 7L;";
    private const string Report = "$\"{epochs}|{threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{split}|{grouped}|{rounds}|{lr.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{seed}\"";

    private static string WriteParameterNotebook(TempNotebookFolder folder)
    {
        var notebook = Notebook.CreatePolyglot();
        notebook.AddMarkdown("# Parameters demo");
        notebook.AddCode(Defaults, NotebookParameters.ParametersTag);
        notebook.AddCode(Report);
        return folder.Write("params.ipynb", notebook);
    }

    [Fact]
    public async Task Defaults_are_used_without_overrides()
    {
        using var folder = new TempNotebookFolder();
        var result = await NotebookRunner.RunAsync(WriteParameterNotebook(folder));

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(3, result.Notebook.Cells.Count);
        var output = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Notebook.Cells[2].Outputs));
        Assert.Equal("3|0.97|paper|False|2|0.01|7", output.Data[MimeTypes.PlainText]);
    }

    [Fact]
    public async Task Overrides_are_injected_after_the_parameters_cell_with_typed_literals()
    {
        using var folder = new TempNotebookFolder();
        var options = new RunOptions
        {
            Parameters = new Dictionary<string, string>
            {
                ["epochs"] = "40", ["threshold"] = "0.5", ["split"] = "grouped \"v2\" \\x", ["grouped"] = "true",
                ["rounds"] = "5", ["lr"] = "1e-3", ["seed"] = "-12",
            },
        };

        var result = await NotebookRunner.RunAsync(WriteParameterNotebook(folder), options);

        Assert.True(result.Succeeded, result.Error?.EValue);
        var injected = result.Notebook.Cells[2];
        Assert.Contains(NotebookParameters.InjectedTag, injected.Tags);
        Assert.Contains("epochs = 40;", injected.Source);
        Assert.Contains("threshold = 0.5d;", injected.Source);
        Assert.Contains("grouped = true;", injected.Source);
        var output = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Notebook.Cells[3].Outputs));
        Assert.Equal("40|0.5|grouped \"v2\" \\x|True|5|0.001|-12", output.Data[MimeTypes.PlainText]);
        Assert.Equal("40", result.Notebook.Metadata["workbench"]!["parameters"]!["epochs"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rerunning_an_executed_notebook_replaces_the_injected_cell()
    {
        using var folder = new TempNotebookFolder();
        var first = await NotebookRunner.RunAsync(WriteParameterNotebook(folder),
            new RunOptions { Parameters = new Dictionary<string, string> { ["epochs"] = "10" } });

        var second = await NotebookRunner.RunAsync(first.OutputPath,
            new RunOptions { Parameters = new Dictionary<string, string> { ["epochs"] = "11" } });

        Assert.Equal(first.OutputPath, second.OutputPath);
        Assert.Single(second.Notebook.Cells, c => c.HasTag(NotebookParameters.InjectedTag));
        Assert.StartsWith("11|", Assert.IsType<ExecuteResultOutput>(second.Notebook.Cells[3].Outputs[0]).Data[MimeTypes.PlainText]);
    }

    [Fact]
    public async Task Unknown_parameter_fails_before_any_cell_runs_and_lists_known_names()
    {
        using var folder = new TempNotebookFolder();
        string input = WriteParameterNotebook(folder);
        var options = new RunOptions { Parameters = new Dictionary<string, string> { ["epochz"] = "4" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => NotebookRunner.RunAsync(input, options));

        Assert.Contains("'epochz'", error.Message);
        Assert.Contains("epochs, grouped, lr, rounds, seed, split, threshold", error.Message);
        Assert.False(File.Exists(NotebookRunner.DefaultOutputPath(input)));
    }

    [Fact]
    public async Task Value_that_does_not_fit_the_type_is_rejected()
    {
        using var folder = new TempNotebookFolder();
        var options = new RunOptions { Parameters = new Dictionary<string, string> { ["epochs"] = "4.5" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => NotebookRunner.RunAsync(WriteParameterNotebook(folder), options));

        Assert.Contains("'epochs' is a int", error.Message);
    }

    [Fact]
    public async Task Parameters_without_a_parameters_cell_are_rejected()
    {
        using var folder = new TempNotebookFolder();
        string input = folder.Write("plain.ipynb", "1");
        var options = new RunOptions { Parameters = new Dictionary<string, string> { ["x"] = "1" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => NotebookRunner.RunAsync(input, options));

        Assert.Contains("tagged 'parameters'", error.Message);
    }

    [Fact]
    public void Declarations_are_typed_from_keywords_and_literals()
    {
        var declared = NotebookParameters.ParseDeclarations(Defaults + "\nvar name = $\"x{1}\";\nvar items = new List<int>();\nfloat f = 1f, g = 2f;\nConsole.WriteLine();");

        Assert.Equal(
            ["epochs:int", "threshold:double", "split:string", "grouped:bool", "rounds:int", "lr:double", "seed:long", "name:string", "items:", "f:float", "g:float"],
            declared.Select(d => $"{d.Name}:{d.TypeName}"));
    }

    [Theory]
    [InlineData("double", "2", "2d")]
    [InlineData("double", "NaN", "double.NaN")]
    [InlineData("float", "0.25", "0.25f")]
    [InlineData("decimal", "1.10", "1.10m")]
    [InlineData("long", "9000000000", "9000000000L")]
    [InlineData("bool", "False", "false")]
    [InlineData("string", "a\nb", "\"a\\nb\"")]
    public void Literals_are_valid_csharp_for_the_type(string type, string raw, string expected)
    {
        Assert.Equal(expected, NotebookParameters.ToLiteral(new ParameterDeclaration("p", type, ""), raw));
    }

    [Fact]
    public void Parameter_of_unsupported_type_is_rejected_with_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() => NotebookParameters.ToLiteral(new ParameterDeclaration("items", null, "new List<int>()"), "1"));
        Assert.Contains("'items'", error.Message);
    }
}
