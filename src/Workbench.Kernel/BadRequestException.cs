namespace Workbench.Kernel;

/// <summary>A request the kernel cannot honour because its content is missing a field or has the wrong type.</summary>
public sealed class BadRequestException(string message) : Exception(message);
