// Experiment, in part: resuming an Experiment from its run store, and the helpers its steps share.
using Workbench.Engine;

namespace Workbench.Loop;

public sealed partial class Experiment
{
    /// <summary>
    /// Restores the last finished round from the store (labelled pool, results, current and initial weights) and
    /// deletes the leftovers of an interrupted round. False when there is no store or no finished round.
    /// </summary>
    public bool TryResume()
    {
        if (_labelled is not null) throw new InvalidOperationException("The experiment is already initialised.");
        // Rank 0 reads the store; the others get what it read (they may have no run folder at all).
        var state = Ranks.IsRoot ? Store?.ReadState() : null;
        int lastRound = (int)Ranks.ShareNumber(state?.LastRound ?? -1);
        if (lastRound < 0) return false;
        Report(ExperimentPhase.Resume, lastRound + 1, $"resuming after round {lastRound}" + (Store is null ? "" : $" from {Store.Directory}"));
        LabelledSet? stored = null;
        if (state is not null)
        {
            var trainIds = Data.TrainIds.ToHashSet();
            var outside = state.Samples.Select(s => s.Id).Concat(state.Rejected.Select(r => r.Id)).FirstOrDefault(id => !trainIds.Contains(id), -1);
            if (outside >= 0)
                throw new InvalidDataException($"The stored labelled pool holds sample {outside}, which is not in this data's training part.");
            stored = LabelledSet.Restore(NumClasses, state.Samples, state.Rejected);
        }
        var labelled = Ranks.ShareLabelled(stored ?? new LabelledSet(NumClasses), NumClasses);
        var initial = labelled.Samples.Where(s => s.Provenance == Provenance.Initial).Select(s => s.Id).ToHashSet();
        _validation = ModelInitialiser.ValidationOnResume(Config, Data, initial);
        _stopSet = StopSet.For(Config, Data, initial, _validation);
        if (Store is not null) _results.AddRange(Store.ReadRounds(lastRound));
        _initial = Ranks.SharedModel(() => ModelInitialiser.LoadCheckpoint(Config, NumClasses, Store!.InitialWeightsPath), BlankModel);
        _model = Ranks.SharedModel(() => ModelInitialiser.LoadCheckpoint(Config, NumClasses, Store!.CheckpointPath(lastRound)), BlankModel);
        _labelled = labelled;
        _finished = lastRound + 1;
        ResumedAfterRound = lastRound;
        _stopReason = Ranks.ShareText(state?.StopReason);
        Store?.DiscardAfter(lastRound);
        StartRound();
        return true;
    }

    /// <summary>Frees the models.</summary>
    public void Dispose()
    {
        _model?.Dispose();
        _initial?.Dispose();
    }

    /// <summary>Predictions shared out over the ranks: on rank 0, null on the others (every rank calls it alike).</summary>
    private Predictions? Predict(IReadOnlyList<int> ids, bool embeddings, CancellationToken cancel = default)
    {
        if (ids.Count == 0) return Predictions.Empty(NumClasses, embeddings ? Model.EmbeddingDim : 0);
        return Ranks.Predict(Model, Data.Images, ids, Config.EvalBatchSize, embeddings, cancel);
    }

    private double? ValidationAccuracy(CancellationToken cancel)
    {
        if (Validation.Ids.Count == 0) return null;
        if (Predict(Validation.Ids, embeddings: false, cancel) is not { } predictions) return null;
        return (double)Enumerable.Range(0, predictions.Count).Count(i => predictions.ArgMax(i) == Data.Labels[Validation.Ids[i]]) / predictions.Count;
    }

    private float[] LabelledEmbeddings()
    {
        // Called from inside the selection, which runs on rank 0 alone: a local prediction, not a collective.
        var ids = Labelled.TrainingSet(Config.ClassCap).Ids;
        return ids.Count == 0 ? [] : Model.Predict(Data.Images, ids, Config.EvalBatchSize, embeddings: true).Embeddings ?? [];
    }

    /// <summary>The round the next steps belong to, once initialised.</summary>
    private int RequireInitialised() => _labelled is null ? throw NotInitialised() : CurrentRound;

    private Model BlankModel() => ModelInitialiser.Blank(Config, NumClasses);

    private static InvalidOperationException NotInitialised() =>
        new("Call Initialize() (or TryResume()) first.");

    private void Report(ExperimentPhase phase, int round, string message, EpochResult? epoch = null) =>
        _progress?.Report(new ExperimentProgress(phase, round, Config.Rounds, message, epoch));
}
