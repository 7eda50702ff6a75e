namespace Workbench.Data;

/// <summary>What to load from a data set folder. Immutable; the defaults give the protocols' pools.</summary>
public sealed record DataSetOptions
{
    /// <summary>The options every loader uses when none are given.</summary>
    public static DataSetOptions Default { get; } = new();

    /// <summary>
    /// BCCD split folders to load. Default TRAIN+TEST = the 12,444-image pool of the SSL+AL poster;
    /// TEST_SIMPLE holds the 71 un-augmented originals behind TEST and is loadable on its own.
    /// </summary>
    public IReadOnlyList<string> BccdSplits { get; init; } = [BccdLayout.Train, BccdLayout.Test];

    /// <summary>
    /// PBC fine task: keep the two "unspecified" groups (IG_, NEUTROPHIL_) as their own classes.
    /// Default false gives the 11-class fine task.
    /// </summary>
    public bool KeepUnspecifiedFineClasses { get; init; }
}
