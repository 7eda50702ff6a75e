namespace Workbench.Loop;

/// <summary>A sample the oracle could not decide; it leaves the unlabelled pool without entering the labelled one.</summary>
public sealed record RejectedSample(int Id, int Round);
