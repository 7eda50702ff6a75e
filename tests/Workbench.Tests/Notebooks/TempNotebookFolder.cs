using Workbench.Notebooks;

namespace Workbench.Tests.Notebooks;

/// <summary>A temporary folder for notebooks written by a test; deleted on dispose.</summary>
internal sealed class TempNotebookFolder : IDisposable
{
    public TempNotebookFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wb-nb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a Polyglot notebook whose code cells are <paramref name="codeCells"/>.</summary>
    public string Write(string name, params string[] codeCells)
    {
        var notebook = Notebook.CreatePolyglot();
        foreach (string code in codeCells) notebook.AddCode(code);
        return Write(name, notebook);
    }

    public string Write(string name, Notebook notebook)
    {
        string path = File(name);
        notebook.Save(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A still-running timed-out cell may hold a file; the OS temp cleaner gets it later.
        }
    }
}

/// <summary>Notebook runs change the process-wide working directory and console: run those tests one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookRunnerCollection
{
    public const string Name = "Notebook runner";
}
