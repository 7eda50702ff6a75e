using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Workbench.Common;
using Workbench.Scoring;

namespace Workbench.Selection;

/// <summary>
/// The source hash of a strategy: <see cref="CodeHash"/> of its class, combined with that of what it is composed of --
/// the scorer it ranks by, a strategy it wraps, the function of a <see cref="FunctionStrategy"/>. Hyper-parameters
/// (budget, thresholds) are not code: the run's config records them.
/// </summary>
public static class StrategySource
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>The hash of the code <paramref name="strategy"/> runs, as 64 lower-case hex digits.</summary>
    public static string Hash(ISelectionStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var parts = new List<string>();
        Collect(strategy, parts, depth: 0);
        return parts.Count == 1 ? parts[0] : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parts))));
    }

    /// <summary>The first 12 hex digits of a hash, for messages.</summary>
    public static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static void Collect(object part, List<string> parts, int depth)
    {
        parts.Add(part is Delegate function ? CodeHash.Of(function.Method) : CodeHash.Of(part.GetType()));
        if (part is Delegate || depth > 4) return;
        for (var type = part.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            foreach (var field in type.GetFields(InstanceFields).OrderBy(f => f.Name, StringComparer.Ordinal))
                if (field.GetValue(part) is { } value and (Delegate or IScorer or ISelectionStrategy))
                    Collect(value, parts, depth + 1);
    }
}
