using Workbench.Metrics;

namespace Workbench.Loop;

/// <summary>
/// Everything measured in one round (round 0 = training on the initial labels): test metrics, the labelled pool and
/// what was added, pseudo-label quality, the CST review, training size and timings. Saved as rounds/&lt;n&gt;.json.
/// </summary>
/// <param name="Round">0 for the baseline, then 1, 2, ...</param>
/// <param name="Accuracy">Test accuracy.</param>
/// <param name="MacroF1">Test macro-F1.</param>
/// <param name="PerClass">Test precision, recall, F1 and support per class.</param>
/// <param name="Confusion">Test confusion matrix, [truth][prediction].</param>
/// <param name="Labelled">The whole labelled pool after this round, by provenance and class.</param>
/// <param name="Added">What this round added, by provenance and class.</param>
/// <param name="TrainingSetSize">Samples trained on (after the class cap).</param>
/// <param name="TrainingSetByClass">Samples trained on, per class.</param>
/// <param name="ClassWeights">Loss weights per class.</param>
/// <param name="PoolSize">Unlabelled pool at the start of the round (0 in round 0).</param>
/// <param name="Candidates">Pool samples scored this round (the subsample).</param>
/// <param name="PseudoLabelPrecision">Fraction of this round's unchecked pseudo-labels that match the truth; null when none was added.</param>
/// <param name="WrongPseudoLabelsByClass">This round's wrong unchecked pseudo-labels, by the (wrong) label given.</param>
/// <param name="CstConfirmed">CST proposals the oracle confirmed.</param>
/// <param name="CstCorrected">CST proposals the oracle corrected.</param>
/// <param name="CstRejected">CST proposals (and queries) the oracle could not decide.</param>
/// <param name="TrainingSteps">SGD steps of this round's training.</param>
/// <param name="FinalLoss">Mean training loss of the last epoch.</param>
/// <param name="TrainSeconds">Training time.</param>
/// <param name="ScoreSeconds">Pool prediction time.</param>
/// <param name="SelectSeconds">Strategy (and review) time.</param>
/// <param name="EvaluateSeconds">Test prediction time.</param>
/// <param name="TotalSeconds">Whole round, including saving.</param>
public sealed record RoundResult(
    int Round,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<ClassMetrics> PerClass,
    int[][] Confusion,
    ProvenanceCounts Labelled,
    ProvenanceCounts Added,
    int TrainingSetSize,
    int[] TrainingSetByClass,
    float[] ClassWeights,
    int PoolSize,
    int Candidates,
    double? PseudoLabelPrecision,
    int[] WrongPseudoLabelsByClass,
    int CstConfirmed,
    int CstCorrected,
    int CstRejected,
    int TrainingSteps,
    double FinalLoss,
    double TrainSeconds,
    double ScoreSeconds,
    double SelectSeconds,
    double EvaluateSeconds,
    double TotalSeconds);
