namespace Workbench.Common;

/// <summary>One rule for names typed by people: trimmed, lower case, '_' and '-' interchangeable.</summary>
public static class Names
{
    /// <summary>The canonical form of <paramref name="name"/>.</summary>
    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().Replace('_', '-').ToLowerInvariant();
    }
}
