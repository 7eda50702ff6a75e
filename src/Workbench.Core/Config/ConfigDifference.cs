namespace Workbench.Config;

/// <summary>A field whose value differs between two configs, with both values as JSON text.</summary>
public sealed record ConfigDifference(string Field, string Stored, string Requested);
