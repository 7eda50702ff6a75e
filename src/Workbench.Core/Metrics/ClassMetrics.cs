namespace Workbench.Metrics;

/// <summary>Precision, recall, F1 and support (number of true samples) of one class.</summary>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, int Support);
