namespace Workbench.Engine;

/// <summary>A failure reported by the native engine (bad shape, bad label, unreadable file...).</summary>
public sealed class EngineException(string message) : Exception(message);
