namespace Workbench.Data;

/// <summary>A data set on disk is missing, incomplete or unusable for what was asked of it.</summary>
public sealed class DataSetException : Exception
{
    /// <summary>Creates the exception with a message that names the path or class at fault.</summary>
    public DataSetException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public DataSetException(string message, Exception inner) : base(message, inner) { }
}
