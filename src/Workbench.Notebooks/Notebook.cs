using System.Text.Json.Nodes;

namespace Workbench.Notebooks;

/// <summary>
/// An nbformat 4 notebook in memory: notebook metadata (kept as JSON so unknown keys survive) and
/// cells. <see cref="CreatePolyglot"/> starts a new notebook in the Polyglot Notebooks C# format.
/// </summary>
public sealed class Notebook
{
    /// <summary>The only major format version supported.</summary>
    public const int FormatMajor = 4;

    /// <summary>The minor version written for new notebooks (cell ids are required from 4.5).</summary>
    public const int CurrentMinor = 5;

    /// <summary>The Polyglot Notebooks kernel name of C# cells.</summary>
    public const string CSharpKernelName = "csharp";

    /// <summary>nbformat_minor of the file.</summary>
    public int NbformatMinor { get; set; } = CurrentMinor;

    /// <summary>Notebook-level metadata (kernelspec, language_info, polyglot_notebook, workbench, …).</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>A new, empty notebook with the Polyglot Notebooks C# metadata.</summary>
    public static Notebook CreatePolyglot()
    {
        var notebook = new Notebook();
        notebook.Metadata["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        };
        notebook.Metadata["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" };
        notebook.Metadata["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = CSharpKernelName,
                ["items"] = new JsonArray(new JsonObject { ["name"] = CSharpKernelName, ["aliases"] = new JsonArray() }),
            },
        };
        return notebook;
    }

    /// <summary>Reads a notebook file.</summary>
    public static Notebook Load(string path) => NotebookSerializer.ReadFile(path);

    /// <summary>Writes the notebook the way Jupyter does (sorted keys, 1-space indent, sources as line lists).</summary>
    public void Save(string path) => NotebookSerializer.WriteFile(this, path);

    /// <summary>Appends a markdown cell.</summary>
    public NotebookCell AddMarkdown(string source)
    {
        var cell = new NotebookCell(NotebookCell.Markdown, NewCellId(), source);
        Cells.Add(cell);
        return cell;
    }

    /// <summary>Appends a C# code cell with the Polyglot kernel metadata and the given tags.</summary>
    public NotebookCell AddCode(string source, params string[] tags)
    {
        var cell = CreateCodeCell(source, tags);
        Cells.Add(cell);
        return cell;
    }

    /// <summary>Creates (without adding) a C# code cell with a fresh id, Polyglot metadata and tags.</summary>
    public NotebookCell CreateCodeCell(string source, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var cell = new NotebookCell(NotebookCell.Code, NewCellId(), source);
        cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = CSharpKernelName };
        foreach (string tag in tags) cell.AddTag(tag);
        return cell;
    }

    /// <summary>
    /// A cell id not used by any cell yet. Ids are sequential rather than random so that
    /// programmatically authored notebooks are identical from run to run.
    /// </summary>
    public string NewCellId(string prefix = "cell")
    {
        var used = Cells.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        for (int n = Cells.Count + 1; ; n++)
        {
            string id = $"{prefix}-{n}";
            if (!used.Contains(id)) return id;
        }
    }
}
