namespace Workbench.Notebooks;

/// <summary>A notebook file that cannot be read as nbformat 4.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookFormatException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
