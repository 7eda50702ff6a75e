namespace Workbench.Loop;

/// <summary>
/// What one training run sees: parallel ids and labels (after the per-class cap), and the per-class counts
/// the class weights are computed from.
/// </summary>
public sealed record TrainingSet(IReadOnlyList<int> Ids, IReadOnlyList<int> Labels, int[] CountsByClass)
{
    /// <summary>Number of training samples.</summary>
    public int Count => Ids.Count;
}
