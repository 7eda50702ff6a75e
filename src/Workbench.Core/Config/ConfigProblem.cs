namespace Workbench.Config;

/// <summary>One problem of a config: the field (as named in config.json) and what is wrong with it.</summary>
public sealed record ConfigProblem(string Field, string Message);
