namespace Workbench.Data;

/// <summary>A file that was left out of a data set, and why.</summary>
/// <param name="RelativePath">Path relative to the data set root, with '/' separators.</param>
/// <param name="Reason">Human-readable reason (e.g. "not an image: first bytes 00 00 00 01").</param>
public sealed record SkippedFile(string RelativePath, string Reason);
