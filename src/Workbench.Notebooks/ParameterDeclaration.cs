namespace Workbench.Notebooks;

/// <summary>
/// A variable declared in the cell tagged "parameters": its name, its type as far as it can be
/// inferred (a C# keyword such as "int", or null when unknown) and the default expression text.
/// </summary>
public sealed record ParameterDeclaration(string Name, string? TypeName, string DefaultText);
