// Records layer: the headline comparisons of a reproduction as a forest plot (comparisons-forest.svg).
using Workbench.Display;
using Workbench.Metrics;
using Workbench.Reproductions;

namespace Workbench.Records;

/// <summary>
/// The headline families of a reproduction as one <see cref="ForestPlot"/>: per comparison its estimate and unadjusted 95%
/// interval in percentage points, a filled diamond where it survives Holm's adjustment, in the colour of the arm measured.
/// </summary>
public static class ComparisonForest
{
    /// <summary>The file the plot is written to beside comparisons.csv.</summary>
    public const string FileName = "comparisons-forest.svg";

    /// <summary>The plot of <paramref name="families"/>; each comparison's arm is read from the plan of <paramref name="runs"/>.</summary>
    public static ForestPlot Of(IReadOnlyList<ComparisonFamily> families, IReadOnlyList<ReproductionRun> runs)
    {
        ArgumentNullException.ThrowIfNull(families);
        ArgumentNullException.ThrowIfNull(runs);
        var arms = HeadlineComparisons.Plan(runs).ToDictionary(c => c.Name, c => c.Arm);
        var groups = families.Select(f => new ForestGroup(f.Name, f.Comparisons.Select(c => new ForestRow(c.Name, 100 * c.Estimate, 100 * c.Low,
            100 * c.High, c.Survives, arms.GetValueOrDefault(c.Name))).ToList())).Where(g => g.Rows.Count > 0).ToList();
        return new ForestPlot(groups, "Headline comparisons: estimate and 95% interval (unadjusted)",
            "Difference in accuracy (percentage points)", $"survives Holm (adjusted p ≤ {families.Select(f => f.Alpha).DefaultIfEmpty(0.05).Max():0.###})",
            "does not survive");
    }
}
