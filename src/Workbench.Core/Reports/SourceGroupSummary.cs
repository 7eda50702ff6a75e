namespace Workbench.Reports;

/// <summary>
/// How one class of a data set is built from source cells: <paramref name="Images"/> images made from
/// <paramref name="Sources"/> distinct source groups (original cells), with the copies per source as mean, minimum and
/// maximum. Ungrouped images (source group &lt; 0) are counted as their own source each.
/// </summary>
public sealed record SourceGroupSummary(string ClassName, int Images, int Sources, double CopiesPerSource, int FewestCopies, int MostCopies);
