namespace Workbench.Reports;

/// <summary>
/// How evenly samples are spread over classes: the largest and smallest class with their shares of the total, and the
/// coefficient of variation of the counts (population std / mean; 0 = perfectly balanced).
/// </summary>
public sealed record ClassBalanceSummary(int Total, string LargestClass, double LargestShare, string SmallestClass, double SmallestShare, double CoefficientOfVariation);
