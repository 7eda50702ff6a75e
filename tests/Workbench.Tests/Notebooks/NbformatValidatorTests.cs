using System.Text.Json.Nodes;
using Workbench.Notebooks;

namespace Workbench.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public sealed class NbformatValidatorTests
{
    private static async Task<string> ExecutedNotebookJson(TempNotebookFolder folder)
    {
        var notebook = Notebook.CreatePolyglot();
        notebook.AddMarkdown("# Title");
        notebook.AddCode("int n = 2;", NotebookParameters.ParametersTag);
        notebook.AddCode("Console.WriteLine(n);\ndisplay(new BarChart(new[] { new BarItem(\"a\", n) }));\nn * 21");
        notebook.AddCode("throw new Exception(\"stop\");");
        notebook.AddCode("n");
        var result = await NotebookRunner.RunAsync(folder.Write("valid.ipynb", notebook),
            new RunOptions { Parameters = new Dictionary<string, string> { ["n"] = "3" } });
        Assert.False(result.Succeeded);
        return File.ReadAllText(result.OutputPath);
    }

    [Fact]
    public async Task Executed_notebook_with_all_output_types_is_valid()
    {
        using var folder = new TempNotebookFolder();
        string json = await ExecutedNotebookJson(folder);

        Assert.Empty(NbformatValidator.Validate(json));
        foreach (string type in new[] { "\"stream\"", "\"display_data\"", "\"execute_result\"", "\"error\"" }) Assert.Contains(type, json);
    }

    // Cells of the executed notebook: 0 markdown, 1 parameters, 2 injected, 3 stream/display/result, 4 error, 5 not run.
    [Theory]
    [InlineData("stream-without-text", "cells[3].outputs[0]: 'text' is required")]
    [InlineData("markdown-with-outputs", "cells[0]: unexpected key 'outputs' in a markdown cell")]
    [InlineData("wrong-major", "notebook: 'nbformat' must be the integer 4")]
    [InlineData("missing-id", "cells[1]: 'id' is required")]
    [InlineData("duplicate-id", "cells[2]: duplicate cell id 'cell-2'")]
    [InlineData("result-without-count", "cells[3].outputs[2]: 'execution_count' is required")]
    [InlineData("code-without-outputs", "cells[5]: 'outputs' is required")]
    [InlineData("bad-traceback", "cells[4].outputs[0]: 'traceback' must be a list of strings")]
    [InlineData("extra-key", "cells[3].outputs[1]: unexpected key 'extra' in a display_data output")]
    [InlineData("bad-source", "cells[5]: 'source' must be a string or a list of strings")]
    [InlineData("no-cells", "notebook: 'cells' is required")]
    [InlineData("unknown-cell-type", "cells[0]: unknown cell_type \"slide\"")]
    [InlineData("bad-id", "cells[1]: 'id' must be a string of 1-64 characters matching ^[a-zA-Z0-9-_]+$")]
    [InlineData("negative-count", "cells[3]: 'execution_count' must be an integer >= 0 or null")]
    [InlineData("repeated-tag", "cells[1].metadata: 'tags' must be a list of unique items that are each a string matching ^[^,]+$")]
    public async Task Broken_notebooks_are_caught(string breakage, string expectedError)
    {
        using var folder = new TempNotebookFolder();
        var root = JsonNode.Parse(await ExecutedNotebookJson(folder))!;
        var cells = root["cells"]!.AsArray();
        Assert.Equal("cell-2", cells[1]!["id"]!.GetValue<string>());
        switch (breakage)
        {
            case "stream-without-text": cells[3]!["outputs"]![0]!.AsObject().Remove("text"); break;
            case "markdown-with-outputs": cells[0]!["outputs"] = new JsonArray(); break;
            case "wrong-major": root["nbformat"] = 3; break;
            case "missing-id": cells[1]!.AsObject().Remove("id"); break;
            case "duplicate-id": cells[2]!["id"] = "cell-2"; break;
            case "result-without-count": cells[3]!["outputs"]![2]!.AsObject().Remove("execution_count"); break;
            case "code-without-outputs": cells[5]!.AsObject().Remove("outputs"); break;
            case "bad-traceback": cells[4]!["outputs"]![0]!["traceback"] = "one string"; break;
            case "extra-key": cells[3]!["outputs"]![1]!["extra"] = 1; break;
            case "bad-source": cells[5]!["source"] = 5; break;
            case "no-cells": root.AsObject().Remove("cells"); break;
            case "unknown-cell-type": cells[0]!["cell_type"] = "slide"; break;
            case "bad-id": cells[1]!["id"] = "cell 2"; break;
            case "negative-count": cells[3]!["execution_count"] = -1; break;
            case "repeated-tag": cells[1]!["metadata"]!["tags"] = new JsonArray("parameters", "parameters"); break;
        }

        var errors = NbformatValidator.Validate(root);

        // One breakage, one message: a broken code cell must not also be reported as a bad raw or markdown cell.
        Assert.Equal(expectedError, Assert.Single(errors));
    }

    [Fact]
    public async Task Cells_before_nbformat_4_5_need_no_id()
    {
        using var folder = new TempNotebookFolder();
        var root = JsonNode.Parse(await ExecutedNotebookJson(folder))!;
        foreach (var cell in root["cells"]!.AsArray()) cell!.AsObject().Remove("id");
        root["nbformat_minor"] = 4;
        Assert.Empty(NbformatValidator.Validate(root));
        root["nbformat_minor"] = 5;
        Assert.Contains("cells[0]: 'id' is required", NbformatValidator.Validate(root));
    }

    [Fact]
    public void Non_json_and_non_object_roots_are_reported()
    {
        Assert.StartsWith("not valid JSON", Assert.Single(NbformatValidator.Validate("{")));
        Assert.Equal("the notebook must be a JSON object", Assert.Single(NbformatValidator.Validate("[]")));
    }
}
