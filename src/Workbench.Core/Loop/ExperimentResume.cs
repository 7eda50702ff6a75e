// Loop layer: resuming an Experiment from its run store, and the helpers its steps share.
using Workbench.Engine;
using Workbench.Runs;

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
        if (Store?.ReadState() is not StoredRunState state) return false;
        Report(ExperimentPhase.Resume, state.LastRound + 1, $"resuming after round {state.LastRound} from {Store.Directory}");
        var trainIds = Data.TrainIds.ToHashSet();
        var outside = state.Samples.Select(s => s.Id).Concat(state.Rejected.Select(r => r.Id)).FirstOrDefault(id => !trainIds.Contains(id), -1);
        if (outside >= 0)
            throw new InvalidDataException($"The stored labelled pool holds sample {outside}, which is not in this data's training part.");
        var labelled = LabelledSet.Restore(NumClasses, state.Samples, state.Rejected);
        _validation = ModelInitialiser.ValidationOnResume(Config, Data, state.Samples.Where(s => s.Provenance == Provenance.Initial).Select(s => s.Id).ToHashSet());
        var results = Store.ReadRounds(state.LastRound);
        _initial = ModelInitialiser.LoadCheckpoint(Config, NumClasses, Store.InitialWeightsPath);
        _model = ModelInitialiser.LoadCheckpoint(Config, NumClasses, Store.CheckpointPath(state.LastRound));
        _labelled = labelled;
        _results.AddRange(results);
        _stopReason = state.StopReason;
        Store.DiscardAfter(state.LastRound);
        _pending = new RoundInProgress(state.LastRound + 1, NumClasses);
        return true;
    }

    /// <summary>Frees the models.</summary>
    public void Dispose()
    {
        _model?.Dispose();
        _initial?.Dispose();
    }

    private Predictions Predict(IReadOnlyList<int> ids, bool embeddings, CancellationToken cancel = default)
    {
        if (ids.Count == 0) return Predictions.Empty(NumClasses, embeddings ? Model.EmbeddingDim : 0);
        return Model.Predict(Data.Images, ids, Config.EvalBatchSize, embeddings, cancel);
    }

    private double? ValidationAccuracy(CancellationToken cancel)
    {
        if (Validation.Ids.Count == 0) return null;
        var predictions = Predict(Validation.Ids, embeddings: false, cancel);
        return (double)Enumerable.Range(0, predictions.Count).Count(i => predictions.ArgMax(i) == Data.Labels[Validation.Ids[i]]) / predictions.Count;
    }

    private float[] LabelledEmbeddings()
    {
        var ids = Labelled.TrainingSet(Config.ClassCap).Ids;
        return Predict(ids, embeddings: true).Embeddings ?? [];
    }

    private RoundInProgress Pending() => _pending ?? throw NotInitialised();

    private static InvalidOperationException NotInitialised() =>
        new("Call Initialize() (or TryResume()) first.");

    private void Report(ExperimentPhase phase, int round, string message, EpochResult? epoch = null) =>
        _progress?.Report(new ExperimentProgress(phase, round, Config.Rounds, message, epoch));
}
