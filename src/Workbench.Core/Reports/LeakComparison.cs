namespace Workbench.Reports;

/// <summary>
/// One strategy after its last round on a leaky and a leak-free split (means over seeds, fractions): accuracy on each,
/// and the gain over the baseline (round 0) of the same split.
/// </summary>
public sealed record LeakComparison(string Recipe, int Round, double LeakyAccuracy, double CleanAccuracy, double LeakyGain, double CleanGain)
{
    /// <summary>How much the leak raises accuracy (leaky minus clean).</summary>
    public double Inflation => LeakyAccuracy - CleanAccuracy;
}
