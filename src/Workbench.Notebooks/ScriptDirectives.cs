using System.Text.RegularExpressions;

namespace Workbench.Notebooks;

/// <summary>
/// Prepares cell text for Roslyn: strips the Polyglot <c>#!csharp</c> magic and rejects directives
/// the headless runner cannot honour, with a message that says what to do instead.
/// </summary>
internal static partial class ScriptDirectives
{
    private static readonly string[] CSharpMagics = ["#!csharp", "#!c#", "#!C#"];

    /// <summary>The code to compile; throws <see cref="UnsupportedDirectiveException"/> for other kernels' magics.</summary>
    public static string Prepare(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        string[] lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first >= 0 && lines[first].TrimStart().StartsWith("#!", StringComparison.Ordinal))
        {
            string magic = lines[first].Trim();
            if (!CSharpMagics.Contains(magic.Split(' ', 2)[0]))
            {
                throw new UnsupportedDirectiveException($"magic command '{magic}' is not supported: the runner executes C# cells only");
            }
            // Blank the line rather than remove it so that diagnostics keep their line numbers.
            lines[first] = "";
        }
        foreach (string line in lines)
        {
            if (NuGetReference().IsMatch(line))
            {
                throw new UnsupportedDirectiveException(
                    $"'{line.Trim()}': NuGet package references are not supported by the runner; reference a .dll path with #r \"path.dll\"");
            }
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex("^\\s*#(r|i)\\s+\"nuget:", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();
}

