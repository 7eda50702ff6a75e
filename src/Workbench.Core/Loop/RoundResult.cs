using System.Text.Json.Serialization;
using Workbench.Engine;
using Workbench.Metrics;

namespace Workbench.Loop;

/// <summary>
/// Everything measured in one round (round 0 = training on the initial labels), grouped: the test evaluation, the
/// labelled pool and what this round added, the training, the unlabelled pool, and the timings.
/// </summary>
/// <param name="Round">0 for the baseline, then 1, 2, ...</param>
/// <param name="Test">Accuracy, macro-F1, per-class P/R/F1 and the confusion matrix on the test part (empty without test labels: see <see cref="HasTest"/>).</param>
/// <param name="Labelled">The labelled pool after the round and what the round added.</param>
/// <param name="Training">What the model was trained on and how.</param>
/// <param name="Pool">The unlabelled pool the round chose from.</param>
/// <param name="Seconds">Where the round's time went.</param>
/// <param name="ValidationAccuracy">Accuracy on the held-out labelled validation set; null when the run has none.</param>
/// <param name="Person">With a person as oracle: what they said next to the model's proposals; null in simulations.</param>
/// <param name="TestPredicted">
/// The predicted class of every test image, in the data's test order; kept because test images are not independent (BCCD's
/// are ~35 augmentations of each source cell), so intervals are computed over cells from these, after the run. Null in
/// rounds stored before it was kept.
/// </param>
/// <param name="StopSetPredicted">
/// The predicted class of every image of the run's <see cref="StopSet"/>, in its ascending id order: the next round's kappa
/// compares with it, also after a resume. Null in rounds stored before the stop set existed (and in records, which keep the kappa only).
/// </param>
/// <param name="StopSetKappa">
/// Cohen's kappa between this round's and the previous round's <see cref="StopSetPredicted"/>: how much the model's view of
/// the unlabelled images still changes (1 = not at all). Null in round 0, and where the previous round has no stop-set predictions.
/// </param>
public sealed record RoundResult(int Round, ClassificationReport Test, LabelledSummary Labelled, TrainingSummary Training,
    PoolSummary Pool, RoundTimings Seconds, double? ValidationAccuracy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PersonSummary? Person = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? TestPredicted = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? StopSetPredicted = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? StopSetKappa = null)
{
    /// <summary>False when the data has no test labels: <see cref="Test"/> is then empty and its numbers mean nothing.</summary>
    [JsonIgnore] public bool HasTest => Test.Confusion.Total > 0;

    /// <summary>Test accuracy (shorthand for <c>Test.Accuracy</c>, the number most reports need).</summary>
    [JsonIgnore] public double Accuracy => Test.Accuracy;

    /// <summary>Test macro-F1 (shorthand for <c>Test.MacroF1</c>).</summary>
    [JsonIgnore] public double MacroF1 => Test.MacroF1;
}

/// <summary>The labelled pool after a round, what the round added, and the quality of what went in unchecked.</summary>
/// <param name="Counts">The whole labelled pool after this round, by provenance and class.</param>
/// <param name="Added">What this round added, by provenance and class.</param>
/// <param name="PseudoLabelPrecision">Fraction of this round's unchecked pseudo-labels that match the truth; null when none was added.</param>
/// <param name="WrongPseudoLabelsByClass">This round's wrong unchecked pseudo-labels, by the (wrong) label given.</param>
/// <param name="CstConfirmed">CST proposals the oracle confirmed.</param>
/// <param name="CstCorrected">CST proposals the oracle corrected.</param>
/// <param name="Rejected">CST proposals (and queries) the oracle could not decide.</param>
public sealed record LabelledSummary(ProvenanceCounts Counts, ProvenanceCounts Added, double? PseudoLabelPrecision,
    int[] WrongPseudoLabelsByClass, int CstConfirmed, int CstCorrected, int Rejected);

/// <summary>What a round trained on.</summary>
/// <param name="Size">Samples trained on (after the class cap).</param>
/// <param name="ByClass">Samples trained on, per class.</param>
/// <param name="ClassWeights">Loss weights per class.</param>
/// <param name="Steps">SGD steps.</param>
/// <param name="FinalLoss">Mean training loss of the last epoch.</param>
/// <param name="Consistency">Consistency training (FixMatch): per epoch, the unlabelled images seen and the pseudo-labels the
/// threshold let through, by class, with their precision where the truth is known; null for supervised training.</param>
public sealed record TrainingSummary(int Size, int[] ByClass, float[] ClassWeights, int Steps, double FinalLoss,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ConsistencyEpoch>? Consistency = null);

/// <summary>The unlabelled pool of a round.</summary>
/// <param name="Size">Unlabelled samples at the start of the round (0 in round 0).</param>
/// <param name="Candidates">Pool samples predicted this round (the subsample).</param>
public sealed record PoolSummary(int Size, int Candidates);

/// <summary>Seconds spent per step of a round.</summary>
/// <param name="Train">Training.</param>
/// <param name="Predict">Predicting the pool.</param>
/// <param name="Select">Strategies.</param>
/// <param name="Label">Oracle answers (reviews and queries).</param>
/// <param name="Evaluate">Test prediction.</param>
/// <param name="Total">The whole round, including saving.</param>
public sealed record RoundTimings(double Train, double Predict, double Select, double Label, double Evaluate, double Total);
