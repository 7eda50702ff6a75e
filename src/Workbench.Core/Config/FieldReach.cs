namespace Workbench.Config;

/// <summary>
/// How much of a run an <see cref="ExperimentConfig"/> field shapes, declared on the field (<see cref="ReachAttribute"/>);
/// a field without the attribute shapes round 0 on. Resume (<see cref="ExperimentConfigJson.ResumableFields"/>) and the
/// sharing of round 0 (<c>Runs.RoundZeroDonor.LaterRoundFields</c>) read it from here.
/// </summary>
public enum FieldReach
{
    /// <summary>Round 0 and every later round depend on it (the default).</summary>
    RoundZero,

    /// <summary>Only rounds after 0 depend on it: configs that differ only in such fields share round 0.</summary>
    LaterRounds,

    /// <summary>Only rounds after 0 depend on it, and a run may resume with another value.</summary>
    Resume,
}

/// <summary>Declares a config field's <see cref="FieldReach"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ReachAttribute(FieldReach reach) : Attribute
{
    public FieldReach Reach { get; } = reach;
}
