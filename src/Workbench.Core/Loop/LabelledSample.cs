namespace Workbench.Loop;

/// <summary>
/// One sample of the labelled pool: the label used for training, where it came from, the round it was added
/// in, and the true label when known. <see cref="TrueLabel"/> is recorded for analysis only (pseudo-label
/// precision); training always uses <see cref="Label"/>.
/// </summary>
public sealed record LabelledSample(int Id, int Label, Provenance Provenance, int Round, int? TrueLabel);
