namespace Workbench.Data;

/// <summary>How a <see cref="SplitName"/> divides a data set (see <see cref="Splits"/> and <see cref="OwnDataSplits"/>).</summary>
public enum SplitKind
{
    /// <summary>The poster's random 50/50 split of BCCD's pooled TRAIN+TEST folders.</summary>
    Paper,

    /// <summary>Whole source groups on one side.</summary>
    Grouped,

    /// <summary>The data set's own TRAIN/TEST (or test) part.</summary>
    Provided,

    /// <summary>A random split stratified by class.</summary>
    Stratified,

    /// <summary>A fixed number of test images per class.</summary>
    PerClass,
}
