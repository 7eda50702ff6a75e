// Experiment, in part: the steps of a round after selection -- label, train, evaluate, complete -- each returning what the next takes.
using System.Diagnostics;
using Workbench.Config;
using Workbench.Data;
using Workbench.Engine;
using Workbench.Metrics;
using Workbench.Oracle;

namespace Workbench.Loop;

public sealed partial class Experiment
{
    /// <summary>
    /// The oracle's phase: adds the selection to the labelled pool. Proposals go in with the model's label (SSL; their truth
    /// is recorded, never used) or after the oracle's review (CST: confirmed, corrected, or dropped as undecidable); then
    /// the AL queries with the oracle's answers. AL samples come last, so under a class cap ("newest first") they are the
    /// last to be dropped. With a person as oracle the questions are saved and asked first, and until every one has an
    /// answer the result <see cref="RoundLabels.IsPending"/> and nothing is added: call Label again once they are given.
    /// </summary>
    public RoundLabels Label(RoundSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        int round = RequireInitialised();
        if (selection.Round != round)
            throw new ArgumentException($"This selection was made in round {selection.Round}, not in round {round}.", nameof(selection));
        if (_latest is not null) throw new InvalidOperationException($"Round {round} has already been labelled.");
        var clock = Stopwatch.StartNew();
        var labelled = Labelled;
        PersonSummary? said = null;
        if (_person is not null)
        {
            (AwaitingQueue, said) = _person.Ask(selection, labelled);
            if (AwaitingQueue is not null) return RoundLabels.Waiting(selection, AwaitingQueue);
        }
        var added = new List<AddedSample>();
        int confirmedCount = 0, correctedCount = 0, rejected = 0;
        void Add(int id, int label, Provenance provenance, double score, int? proposed)
        {
            int? truth = Data.Labels[id] == Sample.NoLabel ? null : Data.Labels[id];
            labelled.Add(id, label, provenance, round, truth);
            added.Add(new AddedSample(id, label, provenance, truth, score, proposed));
        }

        var proposals = selection.PseudoLabels;
        var proposedLabels = proposals.Labels ?? [];
        if (Policy.ReviewProposals)
        {
            var reviews = ConfirmedSelfTraining.Review(proposals, _reviewOracle);
            for (int k = 0; k < reviews.Count; k++)
            {
                var review = reviews[k];
                if (review.FinalLabel is not int final) { labelled.Reject(review.Id, round); rejected++; continue; }
                bool confirmed = review.Verdict == CstVerdict.Confirmed;
                Add(review.Id, final, confirmed ? Provenance.CstConfirmed : Provenance.CstCorrected, proposals.Scores[k], review.ProposedLabel);
                if (confirmed) confirmedCount++; else correctedCount++;
            }
        }
        else
        {
            for (int k = 0; k < proposedLabels.Count; k++)
                Add(proposals.Ids[k], proposedLabels[k], Provenance.PseudoLabel, proposals.Scores[k], proposedLabels[k]);
        }
        for (int k = 0; k < selection.Queries.Count; k++)
        {
            int id = selection.Queries.Ids[k];
            if (_queryOracle.Label(id) is int answer) Add(id, answer, Provenance.ActiveLearning, selection.Queries.Scores[k], null);
            else { labelled.Reject(id, round); rejected++; }
        }
        Report(ExperimentPhase.Label, round, $"added {added.Count} samples; {labelled.Count} labelled");
        var seconds = new RoundTimings(0, selection.PredictDuration.TotalSeconds, selection.Duration.TotalSeconds, clock.Elapsed.TotalSeconds, 0, 0);
        var labels = new RoundLabels(round, selection.Pool, added, confirmedCount, correctedCount, rejected, seconds, said);
        _latest = labels;
        return labels;
    }

    /// <summary>
    /// Trains on the labelled pool (capped per class, newest first) with class weights from it: from the initial
    /// weights, or fine-tuning the current model, as the config says.
    /// </summary>
    /// <param name="labels">What this round's <see cref="Label"/> (or, in round 0, <see cref="Initialize"/>) returned.</param>
    /// <param name="cancel">Stops training within a step or two.</param>
    public RoundTraining Train(RoundLabels labels, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int round = RequireInitialised();
        if (labels.Round != round) throw new ArgumentException($"These labels belong to round {labels.Round}, not to round {round}.", nameof(labels));
        if (labels.IsPending) throw new InvalidOperationException($"Round {round} waits for a person's answers: call Label again once they are given.");
        var training = Labelled.TrainingSet(Config.ClassCap);
        // The bone-marrow protocol balances by the class cap, not by the loss: uniform weights there.
        var weights = Config.WeightedLoss ? ClassWeights.FromCounts(training.CountsByClass) : Enumerable.Repeat(1f, NumClasses).ToArray();
        if (Config.Retrain == RetrainMode.FromInitial) Model.CopyFrom(_initial!);
        var options = Config.FitOptions(round, RoundSeeds.For(Config.Seed, round, SeedPurpose.Training));
        Report(ExperimentPhase.Train, round, $"training on {training.Count} samples (lr {options.Sgd.LearningRate})");
        var epochs = new SynchronousProgress<EpochResult>(e => Report(ExperimentPhase.Train, round,
            $"epoch {e.Epoch}/{e.Epochs}: loss {e.Loss:F4}, train accuracy {e.Accuracy:P1}", e));
        var fit = Ranks.Fit(Model, Data.Images, training.Ids, training.Labels, weights, options, epochs, cancel, Consistency());
        var trained = new RoundTraining(labels, training, weights, fit);
        _latest = trained;
        return trained;
    }

    /// <summary>
    /// The unlabelled side of this round's training when the recipe trains on the pool (FixMatch): the pool as it stands
    /// now, with each image's truth where the data has one, counted to measure the pseudo-labels' precision and never
    /// trained on. Null for the other recipes.
    /// </summary>
    private ConsistencyTraining? Consistency()
    {
        if (!Config.ParsedRecipe().TrainsOnUnlabelled()) return null;
        var pool = UnlabelledPool();
        return new ConsistencyTraining(pool, Config.Consistency, pool.Select(id => Data.Labels[id]).ToArray());
    }

    /// <summary><see cref="Train(RoundLabels, CancellationToken)"/> after what this round's Label (or Initialize) returned.</summary>
    public FitResult Train(CancellationToken cancel = default) => Train(LatestLabels(), cancel).Fit;

    /// <summary>
    /// Test-set metrics of the model <paramref name="training"/> left: accuracy, macro-F1, per-class P/R/F1, confusion matrix;
    /// and the accuracy on the validation set when there is one. A cancelled <paramref name="cancel"/> stops it within a few batches.
    /// </summary>
    public RoundEvaluation Evaluate(RoundTraining training, CancellationToken cancel = default) =>
        EvaluateOnRanks(training, cancel) ?? throw new InvalidOperationException("Only rank 0 holds the test metrics.");

    /// <summary><see cref="Evaluate(RoundTraining, CancellationToken)"/> after this round's last training; its test metrics.</summary>
    public ClassificationReport Evaluate(CancellationToken cancel = default) => Evaluate(LatestTraining(), cancel).Test;

    /// <summary><see cref="Evaluate(RoundTraining, CancellationToken)"/> on every rank (the predictions are shared out): null except on rank 0.</summary>
    private RoundEvaluation? EvaluateOnRanks(RoundTraining training, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(training);
        int round = RequireInitialised();
        if (training.Round != round) throw new ArgumentException($"This training belongs to round {training.Round}, not to round {round}.", nameof(training));
        var clock = Stopwatch.StartNew();
        Report(ExperimentPhase.Evaluate, round, Data.TestIds.Count == 0
            ? "no test labels: test accuracy is not measured (the report is empty)" : $"evaluating on {Data.TestIds.Count} test samples");
        var predictions = Predict(Data.TestIds, embeddings: false, cancel);
        var validation = ValidationAccuracy(cancel);
        var stopSet = Predict(StopSet.Ids, embeddings: false, cancel);
        var duration = clock.Elapsed;
        if (predictions is null || stopSet is null) return null;
        var predicted = Enumerable.Range(0, predictions.Count).Select(predictions.ArgMax).ToArray();
        var truth = Data.TestIds.Select(id => Data.Labels[id]).ToArray();
        var stable = Enumerable.Range(0, stopSet.Count).Select(stopSet.ArgMax).ToArray();
        var evaluation = new RoundEvaluation(training, ClassificationReport.Create(truth, predicted, Data.ClassNames), validation, duration, predicted,
            stable, StopSetKappa(round, stable));
        _latest = evaluation;
        return evaluation;
    }

    /// <summary>
    /// Kappa of this round's stop-set predictions against the previous round's (rank 0 holds the results); null in round 0 and
    /// after a round stored before the stop set existed.
    /// </summary>
    private double? StopSetKappa(int round, int[] predicted)
    {
        if (round == 0 || predicted.Length == 0 || _results.Count == 0) return null;
        var previous = _results[^1];
        return previous.Round == round - 1 && previous.StopSetPredicted is { } before && before.Count == predicted.Length
            ? CohensKappa.Of(before, predicted) : null;
    }

    /// <summary>Closes the round <paramref name="evaluation"/> belongs to: builds its <see cref="RoundResult"/> from the steps' values and commits it to the store.</summary>
    public RoundResult CompleteRound(RoundEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return CompleteRoundOnRanks(evaluation) ?? throw new InvalidOperationException("Only rank 0 holds the round's results.");
    }

    /// <summary><see cref="CompleteRound(RoundEvaluation)"/> with this round's last evaluation.</summary>
    public RoundResult CompleteRound() => CompleteRound(LatestEvaluation());

    /// <summary><see cref="CompleteRound(RoundEvaluation)"/> on every rank (<paramref name="evaluation"/> is null except on rank 0): all close the round.</summary>
    private RoundResult? CompleteRoundOnRanks(RoundEvaluation? evaluation)
    {
        int round = RequireInitialised();
        if (evaluation is not null && evaluation.Round != round)
            throw new ArgumentException($"This evaluation belongs to round {evaluation.Round}, not to round {round}.", nameof(evaluation));
        var result = evaluation?.ToResult(Labelled, NumClasses, _roundClock.Elapsed.TotalSeconds);
        // Rank 0 alone knows the validation accuracy; every rank must stop with it, or the others would wait forever.
        if (round == 0) _stopReason = Ranks.ShareText(result is null ? null : ValidationSet.GateFailure(Config, result.ValidationAccuracy));
        // The stopping rule only ends a run that had rounds left: one that reached its last round stops for that (and can be extended).
        else if (Config.StopWhenKappa is double threshold && round < Config.Rounds)
            _stopReason = Ranks.ShareText(result is null ? null
                : KappaStopping.Reason([.. _results.Select(r => r.StopSetKappa), result.StopSetKappa], threshold, Config.StopKappaWindow));
        if (result is not null)
        {
            Store?.CommitRound(result, evaluation!.Training.Labels.Added, Labelled, Model, _stopReason);
            _results.Add(result);
        }
        _finished = round + 1;
        StartRound();
        if (result is null) return null;
        Report(ExperimentPhase.RoundFinished, result.Round, result.HasTest
            ? $"round {result.Round}: accuracy {result.Accuracy:P2}, macro-F1 {result.MacroF1:P2}, {Labelled.Count} labelled"
            : $"round {result.Round}: no test labels, {Labelled.Count} labelled"
              + (result.Person?.Agreement is double agree ? $", the person agreed with the model on {agree:P0}" : ""));
        return result;
    }

    private void StartRound()
    {
        _latest = null;
        _roundClock = Stopwatch.StartNew();
    }

    private RoundLabels LatestLabels() => _latest switch
    {
        RoundLabels labels => labels,
        RoundTraining training => training.Labels,
        RoundEvaluation evaluation => evaluation.Training.Labels,
        _ => throw new InvalidOperationException($"Round {RequireInitialised()} has not been labelled: Label() has not run."),
    };

    private RoundTraining LatestTraining() => _latest switch
    {
        RoundTraining training => training,
        RoundEvaluation evaluation => evaluation.Training,
        _ => throw new InvalidOperationException($"Round {RequireInitialised()} cannot be evaluated: Train() has not run."),
    };

    private RoundEvaluation LatestEvaluation() => _latest as RoundEvaluation
        ?? throw new InvalidOperationException($"Round {RequireInitialised()} cannot complete: " + (_latest is RoundTraining
            ? "Evaluate() has not run since Train()." : "Train() has not run."));
}
