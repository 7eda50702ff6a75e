using System.Text.Json.Nodes;
using Workbench.Notebooks;

namespace Workbench.Tests.Notebooks;

public sealed class NotebookSerializerTests
{
    [Fact]
    public void New_polyglot_notebook_has_the_csharp_kernel_metadata()
    {
        var notebook = Notebook.CreatePolyglot();
        notebook.AddCode("1");
        var root = JsonNode.Parse(NotebookSerializer.Serialize(notebook))!;

        Assert.Equal(".net-csharp", root["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal(".NET (C#)", root["metadata"]!["kernelspec"]!["display_name"]!.GetValue<string>());
        Assert.Equal("C#", root["metadata"]!["kernelspec"]!["language"]!.GetValue<string>());
        Assert.Equal("polyglot-notebook", root["metadata"]!["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", root["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal("csharp", root["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["items"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", root["cells"]![0]!["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal(4, root["nbformat"]!.GetValue<int>());
        Assert.Equal(5, root["nbformat_minor"]!.GetValue<int>());
    }

    [Fact]
    public void Writes_like_jupyter_sorted_keys_one_space_indent_and_line_lists()
    {
        var notebook = Notebook.CreatePolyglot();
        notebook.AddCode("var a = 1;\nvar b = 2;\n");

        string json = NotebookSerializer.Serialize(notebook);

        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"id\": \"cell-1\",", json);
        Assert.Contains("   \"source\": [\n    \"var a = 1;\\n\",\n    \"var b = 2;\\n\"\n   ]", json);
        Assert.EndsWith("}\n", json);
        Assert.True(json.IndexOf("\"metadata\": {\n  \"kernelspec\"", StringComparison.Ordinal) > 0);
    }

    [Fact]
    public void Round_trip_preserves_unknown_metadata_outputs_and_extra_fields()
    {
        const string source = """
            {"cells":[
              {"cell_type":"markdown","id":"m1","metadata":{"custom":{"x":[1,2]}},"source":"# Hi\n","attachments":{"a.png":{"image/png":"AAA="}}},
              {"cell_type":"code","id":"c1","metadata":{"tags":["t"]},"source":["1\n","+ 1"],"execution_count":4,
               "outputs":[{"output_type":"execute_result","execution_count":4,"data":{"text/plain":["2"],"application/json":{"v":2}},"metadata":{}},
                          {"output_type":"future_thing","payload":true}]}],
             "metadata":{"vendor":{"keep":"me"},"kernelspec":{"name":"k","display_name":"K"}},"nbformat":4,"nbformat_minor":4}
            """;

        var notebook = NotebookSerializer.Parse(source);
        var again = NotebookSerializer.Parse(NotebookSerializer.Serialize(notebook));

        Assert.Equal("me", again.Metadata["vendor"]!["keep"]!.GetValue<string>());
        Assert.Equal(2, again.Cells[0].Metadata["custom"]!["x"]![1]!.GetValue<int>());
        Assert.Equal("AAA=", again.Cells[0].ExtraFields["attachments"]!["a.png"]!["image/png"]!.GetValue<string>());
        Assert.Equal("1\n+ 1", again.Cells[1].Source);
        Assert.Equal(["t"], again.Cells[1].Tags);
        var result = Assert.IsType<ExecuteResultOutput>(again.Cells[1].Outputs[0]);
        Assert.Equal("2", result.Data["text/plain"]);
        Assert.Equal("{\"v\":2}", result.Data["application/json"]);
        Assert.Equal("future_thing", Assert.IsType<UnknownOutput>(again.Cells[1].Outputs[1]).OutputType);
        Assert.Equal(5, again.NbformatMinor);
        // The kept future output is the round trip's one problem: Jupyter's 4.5 schema (and Python's nbformat) knows no such type.
        Assert.Equal("cells[1].outputs[1]: unknown output_type \"future_thing\"",
            Assert.Single(NbformatValidator.Validate(NotebookSerializer.Serialize(again))));
    }

    [Fact]
    public void Old_notebooks_without_ids_get_unique_ids()
    {
        const string source = """
            {"cells":[{"cell_type":"code","metadata":{},"source":"1","execution_count":null,"outputs":[]},
                      {"cell_type":"code","id":"cell-1","metadata":{},"source":"2","execution_count":null,"outputs":[]}],
             "metadata":{},"nbformat":4,"nbformat_minor":2}
            """;

        var notebook = NotebookSerializer.Parse(source);

        Assert.Equal(2, notebook.Cells.Select(c => c.Id).Distinct().Count());
        Assert.Empty(NbformatValidator.Validate(NotebookSerializer.Serialize(notebook)));
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"nbformat\":3,\"cells\":[]}", "nbformat 3 is not supported")]
    [InlineData("{\"nbformat\":4}", "'cells' must be an array")]
    public void Unreadable_notebooks_get_a_clear_error(string json, string expected)
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookSerializer.Parse(json, "x.ipynb"));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("x.ipynb", error.Message);
    }

    [Fact]
    public void Split_lines_keeps_line_ends()
    {
        Assert.Equal(["a\n", "b\n", "c"], NotebookSerializer.SplitLines("a\nb\nc").Select(n => n!.GetValue<string>()));
        Assert.Empty(NotebookSerializer.SplitLines(""));
    }
}
