namespace Workbench.Metrics;

/// <summary>
/// One off-diagonal cell of a confusion matrix: <paramref name="Count"/> samples of <paramref name="TrueName"/> were
/// predicted as <paramref name="PredictedName"/>, which is <paramref name="RateOfTrueClass"/> of that class's samples.
/// </summary>
public sealed record ConfusedPair(int TrueClass, int PredictedClass, string TrueName, string PredictedName, int Count, double RateOfTrueClass);
