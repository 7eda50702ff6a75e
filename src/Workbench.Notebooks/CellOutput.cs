using System.Text.Json.Nodes;

namespace Workbench.Notebooks;

/// <summary>One output of a code cell, as in nbformat 4 (stream, display_data, execute_result, error).</summary>
public abstract record CellOutput
{
    /// <summary>The nbformat <c>output_type</c>.</summary>
    public abstract string OutputType { get; }
}

/// <summary>Text written to stdout or stderr while the cell ran.</summary>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    /// <summary>The stream name used for standard output.</summary>
    public const string StdOut = "stdout";

    /// <summary>The stream name used for standard error.</summary>
    public const string StdErr = "stderr";

    /// <inheritdoc />
    public override string OutputType => "stream";
}

/// <summary>A value shown with display(): MIME type → data (binary data base64-encoded).</summary>
public sealed record DisplayDataOutput(IReadOnlyDictionary<string, string> Data, JsonObject? Metadata = null) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "display_data";
}

/// <summary>The value of the cell's final expression.</summary>
public sealed record ExecuteResultOutput(int ExecutionCount, IReadOnlyDictionary<string, string> Data, JsonObject? Metadata = null) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "execute_result";
}

/// <summary>A compile error or exception that stopped the cell.</summary>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "error";
}

/// <summary>An output type this runner does not know, kept verbatim so that round-tripping loses nothing.</summary>
public sealed record UnknownOutput(JsonObject Json) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => Json["output_type"]?.GetValue<string>() ?? "";
}
