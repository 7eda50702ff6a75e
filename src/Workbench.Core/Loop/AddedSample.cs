namespace Workbench.Loop;

/// <summary>
/// One sample a round added (a line of added/&lt;n&gt;.csv): the label trained on, its provenance, the true label
/// (analysis only), the score that got it chosen (confidence for pseudo-labels and CST, the AL strategy's score for
/// queries, NaN for the initial labels of round 0) and, for pseudo-labels and CST, the label the model proposed.
/// </summary>
public sealed record AddedSample(int Id, int Label, Provenance Provenance, int? TrueLabel, double Score, int? ProposedLabel);
