namespace Workbench.Notebooks;

/// <summary>
/// The outcome of running a notebook. When a cell failed, <see cref="FailedCellIndex"/> is its index
/// in the written notebook (which includes any injected parameters cell) and <see cref="Error"/> its error.
/// </summary>
public sealed record NotebookRunResult(bool Succeeded, int? FailedCellIndex, ErrorOutput? Error, TimeSpan Duration,
    int ExecutedCells, string OutputPath, string? HtmlPath, Notebook Notebook);
