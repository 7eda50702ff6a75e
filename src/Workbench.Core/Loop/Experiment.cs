// Loop layer: the SSL/AL round loop, each step callable on its own.
using System.Diagnostics;
using Workbench.Config;
using Workbench.Data;
using Workbench.Engine;
using Workbench.Metrics;
using Workbench.Oracle;
using Workbench.Runs;
using Workbench.Selection;

namespace Workbench.Loop;

/// <summary>
/// The SSL/AL round loop as a plain class whose every step a notebook can call on its own (baal style):
/// <see cref="Initialize"/>, then per round <see cref="PredictPool"/> → <see cref="Select"/> → <see cref="Label"/> →
/// <see cref="Train"/> → <see cref="Evaluate"/> → <see cref="CompleteRound"/>. Round 0 trains on the initial labels
/// (the baseline). <see cref="Run"/> does it all and, with a <see cref="RunStore"/>, resumes an interrupted run from
/// its last finished round. Every random decision of round r derives from (seed, r) (<see cref="RoundSeeds"/>), so a
/// resumed run repeats exactly what an uninterrupted one does. On the ranks of a data-parallel run (<see cref="LoopRanks"/>)
/// every rank runs this same loop: training and predictions are shared out, rank 0 alone selects, labels and writes the
/// store, and its labelled set, weights and stop reach the others -- so a run may resume on another number of ranks.
/// </summary>
public sealed partial class Experiment : IDisposable
{
    private readonly IProgress<ExperimentProgress>? _progress;
    private readonly IOracle _queryOracle;
    private readonly IOracle _reviewOracle;
    private readonly PersonInTheLoop? _person;
    private readonly List<RoundResult> _results = [];
    private int _finished;  // rounds done: on ranks other than 0, which hold no results, as on rank 0
    private LabelledSet? _labelled;
    private Model? _model;
    private Model? _initial;
    private RoundInProgress? _pending;
    private string? _stopReason;
    private ValidationSet? _validation;

    /// <summary>Creates the experiment; nothing runs yet.</summary>
    /// <param name="config">Validated here.</param>
    /// <param name="data">Images, truth, classes and split; its image size must equal the config's.</param>
    /// <param name="store">Where rounds are saved and from which an interrupted run resumes; null keeps it in memory.</param>
    /// <param name="progress">Called synchronously at each phase and epoch.</param>
    /// <param name="oracle">Who labels AL queries and reviews CST proposals; by default a <see cref="SimulatedOracle"/> over
    /// the truth that answers every query and rejects <see cref="ExperimentConfig.CstRejectRate"/> of the CST proposals. A
    /// person (<see cref="IDeferredOracle"/>, needs a store) makes each round that asks something wait for the answers.</param>
    /// <param name="ranks">The processes the loop runs on (default: this one). Only rank 0 may have a store; a person cannot
    /// be the oracle of several ranks.</param>
    /// <exception cref="ArgumentException">Invalid config, config and data disagree, or the truth is unknown where a simulated oracle
    /// would need it; names the field.</exception>
    /// <exception cref="ConfigMismatchException">The store was opened with another config.</exception>
    /// <exception cref="StrategyChangedException">The store's run has finished rounds made by a strategy whose code changed since.</exception>
    public Experiment(ExperimentConfig config, IExperimentData data, RunStore? store = null,
        IProgress<ExperimentProgress>? progress = null, IOracle? oracle = null, LoopRanks? ranks = null)
    {
        Ranks = ranks ?? LoopRanks.Single;
        if (!Ranks.IsRoot && store is not null) throw new ArgumentException("Only rank 0 writes the run folder: the other ranks get no store.", nameof(store));
        if (Ranks.Count > 1 && oracle is IDeferredOracle)
            throw new ArgumentException($"A person cannot be the oracle of a run on {Ranks.Count} ranks: run it in one process.", nameof(oracle));
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        Config = config.Validate();
        Data = data;
        Recipe = config.ParsedRecipe();
        Policy = RoundPolicy.From(Config);
        NumClasses = data.ClassNames.Count;
        if (data.Images.Size != config.ImageSize)
            throw new ArgumentException($"The data's images are {data.Images.Size} px but the config asks for {config.ImageSize}.", "imageSize");
        if (data.Labels.Count != data.Images.Count)
            throw new ArgumentException($"The data has {data.Labels.Count} labels for {data.Images.Count} images.", nameof(data));
        if (store is not null) ExperimentConfigJson.RequireResumable(store.Config, config, store.Directory);
        store?.RecordStrategies(Policy.Records());
        Store = store;
        _progress = progress;
        _person = PersonInTheLoop.For(oracle, store, data, Policy);
        _queryOracle = oracle ?? new SimulatedOracle(data.Labels);
        _reviewOracle = oracle ?? new SimulatedOracle(data.Labels, config.CstRejectRate, RoundSeeds.For(config.Seed, 0, SeedPurpose.Oracle));
    }

    /// <summary>The hyper-parameters.</summary>
    public ExperimentConfig Config { get; }
    /// <summary>The data.</summary>
    public IExperimentData Data { get; }
    /// <summary>The parsed recipe (what a round adds).</summary>
    public Recipe Recipe { get; }
    /// <summary>How a round chooses and who labels (built from the config).</summary>
    public RoundPolicy Policy { get; }
    /// <summary>Number of classes.</summary>
    public int NumClasses { get; }
    /// <summary>Where rounds are saved, or null.</summary>
    public RunStore? Store { get; }
    /// <summary>What loading the initialisation file matched; null for scratch or a resumed run.</summary>
    public LoadReport? InitialisationReport { get; private set; }

    /// <summary>The held-out labelled validation set (after <see cref="Initialize"/>; empty unless the config asks for one).</summary>
    public ValidationSet Validation => _validation ?? throw NotInitialised();
    /// <summary>The labelled pool (after <see cref="Initialize"/>).</summary>
    public LabelledSet Labelled => _labelled ?? throw NotInitialised();
    /// <summary>The current model (after <see cref="Initialize"/>).</summary>
    public Model Model => _model ?? throw NotInitialised();
    /// <summary>Results of the finished rounds, round 0 first.</summary>
    /// <remarks>On ranks other than 0 of a data-parallel run: empty (rank 0 evaluates and reports).</remarks>
    public IReadOnlyList<RoundResult> Results => _results;
    /// <summary>Last finished round; -1 before round 0 completes.</summary>
    public int Round => _finished - 1;
    /// <summary>The round the next steps belong to.</summary>
    public int CurrentRound => _finished;

    /// <summary>While a round waits for a person: its queue (in the run folder); null otherwise.</summary>
    public LabelQueue? AwaitingQueue { get; private set; }

    /// <summary>True while a round waits for a person's answers; <see cref="Run"/> continues it once they are all given.</summary>
    public bool IsAwaitingLabels => AwaitingQueue is not null;

    /// <summary>True when no further round will run: all rounds done, the pool ran out, or the strategy is the baseline.</summary>
    public bool IsFinished => StopReason is not null;

    /// <summary>Why the experiment is over, or null while it is not.</summary>
    public string? StopReason =>
        _stopReason
        ?? (Round >= 0 && Policy.AddsNothing ? "the baseline adds nothing after round 0"
            : Round >= 0 && Round >= Config.Rounds ? $"all {Config.Rounds} rounds done" : null);

    /// <summary>Training ids neither labelled nor rejected, ascending.</summary>
    public IReadOnlyList<int> UnlabelledPool()
    {
        var labelled = Labelled;
        var validation = Validation;
        return Data.TrainIds.Where(id => !labelled.IsTaken(id) && !validation.Contains(id)).Order().ToArray();
    }

    /// <summary>Picks the initial labels (stratified, from the seed) and builds the model from the initialisation.</summary>
    public void Initialize()
    {
        if (_labelled is not null) throw new InvalidOperationException("The experiment is already initialised.");
        if (Store?.ReadState() is { } state)
            throw new InvalidOperationException(
                $"The run in '{Store.Directory}' has finished rounds up to {state.LastRound}; continue it with TryResume() or Run().");
        Report(ExperimentPhase.Initialize, 0, Data.GivenLabelledIds is null ? "picking the initial labels and building the model"
            : "starting from the given labelled images (initialFraction / initialPerClass do not apply) and building the model");
        (var initialIds, _validation) = ModelInitialiser.StartingSets(Config, Data);
        var labelled = new LabelledSet(NumClasses);
        var pending = new RoundInProgress(0, NumClasses);
        foreach (int id in initialIds)
        {
            labelled.Add(id, Data.Labels[id], Provenance.Initial, 0, Data.Labels[id]);
            pending.Added.Add(new AddedSample(id, Data.Labels[id], Provenance.Initial, Data.Labels[id], double.NaN, null));
        }
        _model = SharedModel(() =>
        {
            var (model, report) = ModelInitialiser.Create(Config, NumClasses);
            InitialisationReport = report;
            return model;
        });
        _initial = ModelInitialiser.Clone(_model, Config.Device);
        _labelled = ShareLabelled(labelled);
        Store?.DiscardAfter(-1);
        Store?.SaveInitialWeights(_initial);
        _pending = pending;
    }

    /// <summary>
    /// Predicts the unlabelled pool, or a seeded random subsample of <see cref="ExperimentConfig.PoolPerRound"/>; a cancelled
    /// <paramref name="cancel"/> stops it within a few batches.
    /// </summary>
    public PoolPredictions PredictPool(CancellationToken cancel = default) =>
        PredictPoolOnRanks(cancel) ?? throw new InvalidOperationException("Only rank 0 holds the pool's predictions.");

    /// <summary><see cref="PredictPool"/> on every rank: the predictions on rank 0, null on the others.</summary>
    private PoolPredictions? PredictPoolOnRanks(CancellationToken cancel)
    {
        var pending = Pending();
        if (pending.Round == 0) throw new InvalidOperationException("Round 0 trains on the initial labels only; PredictPool() belongs to rounds 1 and later.");
        var clock = Stopwatch.StartNew();
        var pool = UnlabelledPool();
        var candidates = PoolSampler.Subsample(pool, Config.PoolPerRound, RoundSeeds.For(Config.Seed, pending.Round, SeedPurpose.Pool));
        Report(ExperimentPhase.PredictPool, pending.Round, $"predicting {candidates.Count} of {pool.Count} unlabelled samples");
        var predictions = Predict(candidates, Policy.NeedsEmbeddings, cancel);
        pending.PoolSize = pool.Count;
        pending.Candidates = candidates.Count;
        pending.PredictTime = clock.Elapsed;
        return predictions is null ? null : new PoolPredictions(pending.Round, candidates, predictions, pool.Count, clock.Elapsed);
    }

    /// <summary>
    /// Runs the round policy on the predictions: pseudo-label proposals (SSL, or CST candidates for the oracle to review)
    /// and active-learning queries, disjoint. Nothing is labelled yet and the oracle is not asked: that is <see cref="Label"/>.
    /// </summary>
    public RoundSelection Select(PoolPredictions predicted)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        var pending = Pending();
        if (predicted.Round != pending.Round)
            throw new ArgumentException($"These predictions were made in round {predicted.Round}, not in round {pending.Round}.", nameof(predicted));
        var clock = Stopwatch.StartNew();
        Report(ExperimentPhase.Select, pending.Round, $"selecting among {predicted.Ids.Count} candidates ({Recipe.ToName()})");
        var labelledIds = Labelled.Samples.Select(s => s.Id).ToArray();
        var context = new SelectionContext(predicted.Predictions, predicted.Ids,
            RoundSeeds.For(Config.Seed, pending.Round, SeedPurpose.Selection), labelledIds, LabelledEmbeddings);
        var (proposals, queries) = Policy.Select(context);
        pending.SelectTime = clock.Elapsed;
        return new RoundSelection(pending.Round, proposals, queries, predicted.Ids.Count, clock.Elapsed).CheckedAgainst(predicted.Ids);
    }

    /// <summary>
    /// The oracle's phase: adds the selection to the labelled pool. Proposals go in with the model's label (SSL; their truth
    /// is recorded, never used) or after the oracle's review (CST: confirmed, corrected, or dropped as undecidable); then
    /// the AL queries with the oracle's answers. AL samples come last, so under a class cap ("newest first") they are the
    /// last to be dropped.
    /// </summary>
    public IReadOnlyList<AddedSample> Label(RoundSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var pending = Pending();
        if (selection.Round != pending.Round)
            throw new ArgumentException($"This selection was made in round {selection.Round}, not in round {pending.Round}.", nameof(selection));
        if (pending.Labelled) throw new InvalidOperationException($"Round {pending.Round} has already been labelled.");
        var clock = Stopwatch.StartNew();
        var labelled = Labelled;
        int round = pending.Round;
        var added = new List<AddedSample>();
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
                if (review.FinalLabel is not int final) { labelled.Reject(review.Id, round); pending.Rejected++; continue; }
                bool confirmed = review.Verdict == CstVerdict.Confirmed;
                Add(review.Id, final, confirmed ? Provenance.CstConfirmed : Provenance.CstCorrected, proposals.Scores[k], review.ProposedLabel);
                if (confirmed) pending.CstConfirmed++; else pending.CstCorrected++;
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
            else { labelled.Reject(id, round); pending.Rejected++; }
        }
        pending.Added.AddRange(added);
        pending.Labelled = true;
        pending.LabelTime = clock.Elapsed;
        Report(ExperimentPhase.Label, round, $"added {added.Count} samples; {labelled.Count} labelled");
        return added;
    }

    /// <summary>
    /// Trains on the labelled pool (capped per class, newest first) with class weights from it: from the initial
    /// weights, or fine-tuning the current model, as the config says.
    /// </summary>
    public FitResult Train(CancellationToken cancel = default)
    {
        var pending = Pending();
        var training = Labelled.TrainingSet(Config.ClassCap);
        // The bone-marrow protocol balances by the class cap, not by the loss: uniform weights there.
        var weights = Config.WeightedLoss ? ClassWeights.FromCounts(training.CountsByClass) : Enumerable.Repeat(1f, NumClasses).ToArray();
        if (Config.Retrain == RetrainMode.FromInitial) Model.CopyFrom(_initial!);
        var options = Config.FitOptions(pending.Round, RoundSeeds.For(Config.Seed, pending.Round, SeedPurpose.Training));
        Report(ExperimentPhase.Train, pending.Round, $"training on {training.Count} samples (lr {options.Sgd.LearningRate})");
        var epochs = new SynchronousProgress<EpochResult>(e => Report(ExperimentPhase.Train, pending.Round,
            $"epoch {e.Epoch}/{e.Epochs}: loss {e.Loss:F4}, train accuracy {e.Accuracy:P1}", e));
        var fit = Ranks.Fit(Model, Data.Images, training.Ids, training.Labels, weights, options, epochs, cancel);
        pending.TrainingSet = training;
        pending.ClassWeights = weights;
        pending.Fit = fit;
        pending.Report = null;
        return fit;
    }

    /// <summary>
    /// Test-set metrics of the current model: accuracy, macro-F1, per-class P/R/F1, confusion matrix; and the accuracy on the
    /// validation set when there is one. A cancelled <paramref name="cancel"/> stops it within a few batches.
    /// </summary>
    public ClassificationReport Evaluate(CancellationToken cancel = default) =>
        EvaluateOnRanks(cancel) ?? throw new InvalidOperationException("Only rank 0 holds the test metrics.");

    /// <summary><see cref="Evaluate"/> on every rank (the predictions are shared out): the report on rank 0, null elsewhere.</summary>
    private ClassificationReport? EvaluateOnRanks(CancellationToken cancel)
    {
        var pending = Pending();
        var clock = Stopwatch.StartNew();
        Report(ExperimentPhase.Evaluate, pending.Round, Data.TestIds.Count == 0
            ? "no test labels: test accuracy is not measured (the report is empty)" : $"evaluating on {Data.TestIds.Count} test samples");
        var predictions = Predict(Data.TestIds, embeddings: false, cancel);
        pending.ValidationAccuracy = ValidationAccuracy(cancel);
        pending.EvaluateTime = clock.Elapsed;
        if (predictions is null) return null;
        var predicted = Enumerable.Range(0, predictions.Count).Select(predictions.ArgMax).ToArray();
        var truth = Data.TestIds.Select(id => Data.Labels[id]).ToArray();
        var report = ClassificationReport.Create(truth, predicted, Data.ClassNames);
        pending.Report = report;
        return report;
    }

    /// <summary>Closes the current round: builds its <see cref="RoundResult"/> and commits it to the store.</summary>
    public RoundResult CompleteRound() =>
        CompleteRoundOnRanks() ?? throw new InvalidOperationException("Only rank 0 holds the round's results.");

    /// <summary><see cref="CompleteRound"/> on every rank: rank 0 builds and commits the result, all close the round.</summary>
    private RoundResult? CompleteRoundOnRanks()
    {
        var pending = Pending();
        if (pending.Round > 0 && !pending.Labelled)
            throw new InvalidOperationException($"Round {pending.Round} cannot complete: Label() has not run.");
        var result = Ranks.IsRoot ? pending.ToResult(Labelled) : null;
        // Rank 0 alone knows the validation accuracy; every rank must stop with it, or the others would wait forever.
        if (pending.Round == 0) _stopReason = ShareText(result is null ? null : ValidationSet.GateFailure(Config, result.ValidationAccuracy));
        if (result is not null)
        {
            Store?.CommitRound(result, pending.Added, Labelled, Model, _stopReason);
            _results.Add(result);
        }
        _finished = pending.Round + 1;
        _pending = new RoundInProgress(pending.Round + 1, NumClasses);
        if (result is null) return null;
        Report(ExperimentPhase.RoundFinished, result.Round, result.HasTest
            ? $"round {result.Round}: accuracy {result.Accuracy:P2}, macro-F1 {result.MacroF1:P2}, {Labelled.Count} labelled"
            : $"round {result.Round}: no test labels, {Labelled.Count} labelled"
              + (result.Person?.Agreement is double agree ? $", the person agreed with the model on {agree:P0}" : ""));
        return result;
    }

    /// <summary>
    /// One round: PredictPool → Select → Label → Train → Evaluate → CompleteRound. Returns null, and marks the experiment
    /// finished, when the unlabelled pool is empty. With a person as oracle the round stops after Select until the person has
    /// answered (null, <see cref="IsAwaitingLabels"/>); called again it continues with the saved selection.
    /// </summary>
    public RoundResult? RunRound(CancellationToken cancel = default)
    {
        if (IsFinished) throw new InvalidOperationException($"The experiment is finished: {StopReason}.");
        var waiting = _person?.Waiting(CurrentRound);
        if (waiting is null && UnlabelledPool().Count == 0)
        {
            _stopReason = $"the unlabelled pool is empty after round {Round}";
            Store?.CommitStop(Round, Labelled, _stopReason);
            return null;
        }
        RoundSelection? selection = null;  // stays null on ranks other than 0: they get rank 0's labelled set
        if (waiting is not null) selection = _person!.Resume(waiting, Pending(), Labelled);
        else if (PredictPoolOnRanks(cancel) is { } predicted)
        {
            cancel.ThrowIfCancellationRequested();
            selection = Select(predicted);
            waiting = _person?.Save(selection, predicted, Labelled);
        }
        cancel.ThrowIfCancellationRequested();
        AwaitingQueue = waiting is null ? null : _person!.Collect(waiting, Pending());
        if (IsAwaitingLabels) return null;
        if (selection is not null) Label(selection);
        _labelled = ShareLabelled(Labelled);
        Pending().Labelled = true;
        Train(cancel);
        EvaluateOnRanks(cancel);
        return CompleteRoundOnRanks();
    }

    /// <summary>
    /// The whole experiment: resume from the store, or initialise and run round 0; then rounds until done or the
    /// pool is empty. A finished run returns its stored results without training again.
    /// </summary>
    public IReadOnlyList<RoundResult> Run(CancellationToken cancel = default)
    {
        if (_labelled is null && !TryResume())
        {
            Initialize();
            Train(cancel);
            EvaluateOnRanks(cancel);
            CompleteRoundOnRanks();
        }
        while (!IsFinished && !IsAwaitingLabels)
        {
            cancel.ThrowIfCancellationRequested();
            RunRound(cancel);
        }
        if (IsAwaitingLabels)
            Report(ExperimentPhase.AwaitingLabels, CurrentRound, $"round {CurrentRound} awaits a person's answers to {AwaitingQueue!.Items.Count} questions");
        else
            Report(ExperimentPhase.Finished, Round, StopReason!);
        return Results;
    }
}
