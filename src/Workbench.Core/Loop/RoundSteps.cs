using Workbench.Engine;
using Workbench.Metrics;
using Workbench.Oracle;

namespace Workbench.Loop;

/// <summary>
/// What <see cref="Experiment.Label"/> returned (or <see cref="Experiment.Initialize"/> for round 0): the samples the round
/// added and what the oracle did; with a person as oracle who has not answered yet, only the questions
/// (<see cref="IsPending"/>), and nothing was added.
/// </summary>
/// <param name="Pool">The unlabelled pool the round chose from (size, candidates predicted); zeros in round 0.</param>
/// <param name="Added">The samples added, in the order they went in.</param>
/// <param name="CstConfirmed">CST proposals the oracle confirmed.</param>
/// <param name="CstCorrected">CST proposals the oracle corrected.</param>
/// <param name="Rejected">Proposals and queries the oracle could not decide.</param>
/// <param name="Seconds">Predict, select and label times (train and evaluate stay zero here).</param>
/// <param name="Person">With a person as oracle: what they said next to the model's proposals.</param>
/// <param name="Pending">The questions a person has yet to answer; null once labelled.</param>
public sealed record RoundLabels(int Round, PoolSummary Pool, IReadOnlyList<AddedSample> Added, int CstConfirmed, int CstCorrected,
    int Rejected, RoundTimings Seconds, PersonSummary? Person = null, LabelQueue? Pending = null)
{
    /// <summary>True while a person's answers are missing: the round cannot train yet; call Label again once they are given.</summary>
    public bool IsPending => Pending is not null;

    /// <summary>Round 0: the initial labels, chosen by no one.</summary>
    internal static RoundLabels Initial(IReadOnlyList<AddedSample> added) =>
        new(0, new PoolSummary(0, 0), added, 0, 0, 0, new RoundTimings(0, 0, 0, 0, 0, 0));

    /// <summary>
    /// What a rank other than 0 holds for a round it did not label itself: it trains on the labelled set rank 0 shared,
    /// and the round's record is built on rank 0 alone.
    /// </summary>
    internal static RoundLabels OnOtherRank(int round) =>
        new(round, new PoolSummary(0, 0), [], 0, 0, 0, new RoundTimings(0, 0, 0, 0, 0, 0));

    /// <summary>A round waiting for a person's answers to <paramref name="queue"/>.</summary>
    internal static RoundLabels Waiting(RoundSelection selection, LabelQueue queue) =>
        new(selection.Round, selection.Pool, [], 0, 0, 0, new RoundTimings(0, selection.PredictDuration.TotalSeconds,
            selection.Duration.TotalSeconds, 0, 0, 0), Pending: queue);
}

/// <summary>What <see cref="Experiment.Train(RoundLabels, CancellationToken)"/> returned: the labels it trained after, the
/// training set (class-capped), its loss weights and the fit.</summary>
public sealed record RoundTraining(RoundLabels Labels, TrainingSet Set, float[] ClassWeights, FitResult Fit)
{
    public int Round => Labels.Round;
}

/// <summary>What <see cref="Experiment.Evaluate(RoundTraining, CancellationToken)"/> returned: the trained round and its
/// test and validation measures.</summary>
/// <param name="Training">The training evaluated.</param>
/// <param name="Test">Test metrics (empty without test labels).</param>
/// <param name="ValidationAccuracy">Accuracy on the validation set, or null without one.</param>
/// <param name="Duration">Time spent predicting test and validation images.</param>
/// <param name="TestPredicted">The predicted class of every test image, in the data's test order.</param>
/// <param name="StopSetPredicted">The predicted class of every stop-set image, in its id order.</param>
/// <param name="StopSetKappa">Cohen's kappa of <paramref name="StopSetPredicted"/> against the previous round's; null in round 0.</param>
public sealed record RoundEvaluation(RoundTraining Training, ClassificationReport Test, double? ValidationAccuracy, TimeSpan Duration,
    IReadOnlyList<int>? TestPredicted = null, IReadOnlyList<int>? StopSetPredicted = null, double? StopSetKappa = null)
{
    public int Round => Training.Round;

    /// <summary>
    /// The round's record, from the values its steps returned and the labelled pool after it. <paramref name="totalSeconds"/>
    /// is the whole round's time, which no single step sees.
    /// </summary>
    public RoundResult ToResult(LabelledSet labelled, int numClasses, double totalSeconds)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        var labels = Training.Labels;
        var pseudo = labels.Added.Where(a => a.Provenance == Provenance.PseudoLabel).ToList();
        var wrong = new int[numClasses];
        foreach (var sample in pseudo)
            if (sample.TrueLabel is int truth && truth != sample.Label) wrong[sample.Label]++;
        var checkable = pseudo.Count(s => s.TrueLabel is not null);
        double? precision = checkable == 0 ? null : (double)pseudo.Count(s => s.TrueLabel == s.Label) / checkable;

        var added = ProvenanceCounts.Zero(numClasses);
        foreach (var sample in labels.Added) added.For(sample.Provenance)[sample.Label]++;

        var summary = new LabelledSummary(labelled.Counts(), added, precision, wrong, labels.CstConfirmed, labels.CstCorrected, labels.Rejected);
        var fit = Training.Fit;
        var trained = new TrainingSummary(Training.Set.Count, Training.Set.CountsByClass, Training.ClassWeights, fit.Steps,
            fit.Epochs.Count > 0 ? fit.Epochs[^1].Loss : double.NaN,
            fit.Epochs.Any(e => e.Consistency is not null) ? fit.Epochs.Select(e => e.Consistency!).ToArray() : null);
        var seconds = labels.Seconds with { Train = fit.Duration.TotalSeconds, Evaluate = Duration.TotalSeconds, Total = totalSeconds };
        return new RoundResult(Round, Test, summary, trained, labels.Pool, seconds, ValidationAccuracy, labels.Person,
            TestPredicted is { Count: > 0 } ? TestPredicted : null, StopSetPredicted is { Count: > 0 } ? StopSetPredicted : null, StopSetKappa);
    }
}
