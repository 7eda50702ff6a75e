using System.Globalization;
using Workbench.Common;

namespace Workbench.Data;

/// <summary>
/// A split's name, parsed once: paper, grouped, provided, stratified or per-class-N (N >= 1), compared as people type it
/// (<see cref="Names.Normalise"/>). Configs and run folders keep the name as text (<see cref="Value"/>); the default is paper.
/// </summary>
public readonly record struct SplitName
{
    private const string PerClassPrefix = "per-class-";

    private SplitName(SplitKind kind, int testPerClass) => (Kind, TestPerClass) = (kind, testPerClass);

    public SplitKind Kind { get; }

    /// <summary>N of per-class-N; 0 for the other kinds.</summary>
    public int TestPerClass { get; }

    public static SplitName Paper => new(SplitKind.Paper, 0);
    public static SplitName Grouped => new(SplitKind.Grouped, 0);
    public static SplitName Provided => new(SplitKind.Provided, 0);
    public static SplitName Stratified => new(SplitKind.Stratified, 0);

    public static SplitName PerClass(int testPerClass)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(testPerClass, 1);
        return new(SplitKind.PerClass, testPerClass);
    }

    /// <summary>Every valid name ("per-class-N" takes any N >= 1).</summary>
    public static IReadOnlyList<string> Names { get; } = ["paper", "grouped", "provided", "stratified", "per-class-<N>"];

    /// <summary>The names that apply to a user's own images (paper is made of BCCD's folders).</summary>
    public static IReadOnlyList<string> OwnDataNames { get; } = ["provided", "grouped", "stratified", "per-class-<N>"];

    /// <summary>The name as configs, run folders and <see cref="Split.Name"/> write it.</summary>
    public string Value => Kind == SplitKind.PerClass
        ? PerClassPrefix + TestPerClass.ToString(CultureInfo.InvariantCulture)
        : Kind.ToString().ToLowerInvariant();

    public bool AppliesToOwnData => Kind != SplitKind.Paper;

    public override string ToString() => Value;

    public static bool TryParse(string? name, out SplitName split)
    {
        split = default;
        if (name is null) return false;
        var key = Workbench.Common.Names.Normalise(name);
        if (key.StartsWith(PerClassPrefix, StringComparison.Ordinal))
        {
            if (!int.TryParse(key.AsSpan(PerClassPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                return false;
            split = new(SplitKind.PerClass, n);
            return true;
        }
        SplitKind? kind = key switch
        {
            "paper" => SplitKind.Paper,
            "grouped" => SplitKind.Grouped,
            "provided" => SplitKind.Provided,
            "stratified" => SplitKind.Stratified,
            _ => null,
        };
        if (kind is null) return false;
        split = new(kind.Value, 0);
        return true;
    }

    /// <summary>
    /// What is wrong with <paramref name="name"/> as a split (of a user's own images when <paramref name="ownData"/>), in
    /// one line that lists the valid names; null when nothing is.
    /// </summary>
    public static string? Problem(string? name, bool ownData = false)
    {
        if (!TryParse(name, out var split))
            return $"Unknown split '{name}'. Valid: {string.Join(", ", ownData ? OwnDataNames : Names)}.";
        return ownData && !split.AppliesToOwnData
            ? $"Split '{name}' does not apply to own data. Valid: {string.Join(", ", OwnDataNames)}."
            : null;
    }

    /// <exception cref="ArgumentException"><see cref="Problem"/>'s line, for <paramref name="paramName"/>.</exception>
    public static SplitName Parse(string name, bool ownData = false, string paramName = "split")
    {
        if (Problem(name, ownData) is { } problem) throw new ArgumentException(problem, paramName);
        TryParse(name, out var split);
        return split;
    }
}
