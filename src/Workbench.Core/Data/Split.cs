namespace Workbench.Data;

/// <summary>A train/test partition of sample ids (both ascending, disjoint).</summary>
/// <param name="TrainIds">Ids of the training part (labelled + unlabelled pool in SSL/AL).</param>
/// <param name="TestIds">Ids of the held-out test part.</param>
/// <param name="Name">How it was made (e.g. "paper", "grouped", "provided", "stratified-50-per-class").</param>
public sealed record Split(IReadOnlyList<int> TrainIds, IReadOnlyList<int> TestIds, string Name);
