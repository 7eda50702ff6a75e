using System.Diagnostics;
using Workbench.Notebooks;

namespace Workbench.Tests.Notebooks;

/// <summary>A fact that is skipped (not failed) when /usr/bin/python3 lacks the nbformat module.</summary>
public sealed class PythonNbformatFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() => PythonNbformat.Run("-c \"import nbformat\"", out _) == 0);

    public PythonNbformatFactAttribute()
    {
        if (!Available.Value) Skip = "python3 nbformat module not installed (apt-get install python3-nbformat); reference validation skipped";
    }
}

internal static class PythonNbformat
{
    public const string Python = "/usr/bin/python3";

    public static int Run(string arguments, out string output)
    {
        output = "";
        if (!File.Exists(Python)) return -1;
        var start = new ProcessStartInfo(Python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        output += stderr.Result;
        return process.ExitCode;
    }
}

[Collection(NotebookRunnerCollection.Name)]
public sealed class PythonNbformatTests
{
    [PythonNbformatFact]
    public async Task Executed_notebook_passes_the_reference_nbformat_validator()
    {
        using var folder = new TempNotebookFolder();
        var notebook = Notebook.CreatePolyglot();
        notebook.AddMarkdown("# Check\n\ntext");
        notebook.AddCode("double t = 0.9;", NotebookParameters.ParametersTag);
        notebook.AddCode("Console.WriteLine(t);\nConsole.Error.WriteLine(\"e\");\ndisplay(new HtmlTable(new[] { \"a\" }, new[] { new[] { \"1\" } }));\nt");
        notebook.AddCode("throw new Exception(\"x\");");
        notebook.AddCode("t");
        var result = await NotebookRunner.RunAsync(folder.Write("py.ipynb", notebook),
            new RunOptions { Parameters = new Dictionary<string, string> { ["t"] = "0.5" } });
        Assert.False(result.Succeeded);

        string script = "import nbformat,sys; nb=nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); print('valid', len(nb.cells))";
        int exit = PythonNbformat.Run($"-c \"{script}\" \"{result.OutputPath}\"", out string output);

        Assert.True(exit == 0, output);
        Assert.Contains("valid 6", output);
    }

    [PythonNbformatFact]
    public void Broken_notebook_is_rejected_by_the_reference_validator_too()
    {
        using var folder = new TempNotebookFolder();
        string path = folder.File("broken.ipynb");
        File.WriteAllText(path, "{\"cells\":[{\"cell_type\":\"code\",\"id\":\"a\",\"metadata\":{},\"source\":[],\"outputs\":[{\"output_type\":\"stream\",\"name\":\"stdout\"}],\"execution_count\":1}],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");

        int exit = PythonNbformat.Run($"-c \"import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))\" \"{path}\"", out _);

        Assert.NotEqual(0, exit);
        Assert.Contains("cells[0].outputs[0]: 'text' is required", NbformatValidator.ValidateFile(path));
    }
}
