namespace Workbench.Notebooks;

/// <summary>A cell uses a directive or magic command the runner does not support.</summary>
public sealed class UnsupportedDirectiveException(string message) : Exception(message);
