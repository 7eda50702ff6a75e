using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Workbench.Notebooks;

namespace Workbench.Tests.Reports;

/// <summary>
/// Every committed notebook's code compiles against today's library, cell after cell as the runner chains them, without
/// running anything: a rename or a moved type fails here in seconds instead of in the minutes-long tiny runs.
/// </summary>
public sealed class NotebooksCompileTests
{
    public static TheoryData<string> Names() => NotebooksRunTests.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Notebook_code_compiles_cell_after_cell(string name)
    {
        var notebook = Notebook.Load(Path.Combine(RepositoryPaths.Notebooks, name + ".ipynb"));
        using var session = new ScriptSession(RepositoryPaths.Notebooks);
        Script? script = null;
        var errors = new List<string>();
        foreach (var (cell, index) in notebook.Cells.Select((c, i) => (c, i)).Where(p => p.c.IsCode))
        {
            script = script is null
                ? CSharpScript.Create<object?>(cell.Source, session.Options, ScriptSession.GlobalsType)
                : script.ContinueWith<object?>(cell.Source, session.Options);
            errors.AddRange(script.GetCompilation().GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"cell {index}: {d}"));
        }
        Assert.NotNull(script);
        Assert.Empty(errors);
    }
}
