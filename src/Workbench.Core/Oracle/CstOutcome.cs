namespace Workbench.Oracle;

/// <summary>
/// The oracle's review of one pseudo-labelled sample: the model's proposal, the label that goes into the
/// training set (null when rejected), and the verdict.
/// </summary>
public sealed record CstOutcome(int Id, int ProposedLabel, int? FinalLabel, CstVerdict Verdict);
