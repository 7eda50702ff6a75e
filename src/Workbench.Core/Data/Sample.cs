namespace Workbench.Data;

/// <summary>One image of a data set.</summary>
/// <param name="Id">Index of the sample in <see cref="DataSet.Samples"/> (0..Count-1).</param>
/// <param name="RelativePath">Path relative to <see cref="DataSet.Root"/>, with '/' separators.</param>
/// <param name="Label">Class index into <see cref="DataSet.ClassNames"/>; <see cref="NoLabel"/> for an image of a user's
/// unlabelled pool, whose class nobody knows yet.</param>
/// <param name="ClassName">Name of the class <paramref name="Label"/>; "" when unlabelled.</param>
/// <param name="Split">Folder split the file came from (BCCD: TRAIN, TEST, TEST_SIMPLE); null when the layout has none.</param>
/// <param name="SourceGroup">Id of the file-name group (BCCD: class, split and _k_ index; unique over the data set); -1 if none.
/// Meant to name the original image, but BCCD's _k_ does not (see <see cref="LeakAudit.CheckSourceIndex"/>).</param>
public sealed record Sample(int Id, string RelativePath, int Label, string ClassName, string? Split, int SourceGroup)
{
    /// <summary>The label of an image whose class is not known (a user's unlabelled pool).</summary>
    public const int NoLabel = -1;

    /// <summary>True when the sample's class is known.</summary>
    public bool IsLabelled => Label != NoLabel;
}
