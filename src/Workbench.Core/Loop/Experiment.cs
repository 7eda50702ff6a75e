using System.Diagnostics;
using Workbench.Config;
using Workbench.Engine;
using Workbench.Oracle;
using Workbench.Runs;
using Workbench.Selection;

namespace Workbench.Loop;

/// <summary>
/// The SSL/AL round loop as a plain class whose every step a notebook can call on its own (baal style):
/// Initialize, then per round PredictPool → Select → Label → Train → Evaluate → CompleteRound. Each step returns what the
/// next takes (<see cref="PoolPredictions"/> → <see cref="RoundSelection"/> → <see cref="RoundLabels"/> → <see cref="RoundTraining"/>
/// → <see cref="RoundEvaluation"/> → <see cref="RoundResult"/>), and the round's record is built from those values; the calls
/// without those arguments continue from what this round's last step returned. Round 0 trains on the initial labels
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
    // What this round's last step returned (RoundLabels, RoundTraining or RoundEvaluation), null before Label: the calls
    // without arguments (Train(), Evaluate(), CompleteRound()) continue from it, and a round cannot be labelled twice.
    private object? _latest;
    private Stopwatch _roundClock = new();
    private string? _stopReason;
    private ValidationSet? _validation;
    private StopSet? _stopSet;

    /// <summary>Creates the experiment; nothing runs yet.</summary>
    /// <param name="config">Checked here unless it was where it was built (a config is checked once per instance).</param>
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
        LoopRanks.RefusePersonOnRanks(oracle is IDeferredOracle, Ranks.Count);
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
        // A store opened for this very config was compared with its folder's then (RunStore.Open); another is compared here.
        if (store is not null && !ReferenceEquals(store.Config, config)) ExperimentConfigJson.RequireResumable(store.Config, config, store.Directory);
        store?.RecordStrategies(Policy.Records());
        Store = store;
        _progress = progress;
        _person = PersonInTheLoop.For(oracle, store, data, Policy);
        _queryOracle = oracle ?? new SimulatedOracle(data.Labels);
        _reviewOracle = oracle ?? new SimulatedOracle(data.Labels, config.CstRejectRate, RoundSeeds.For(config.Seed, 0, SeedPurpose.Oracle));
    }

    /// <summary>The hyper-parameters.</summary>
    public ExperimentConfig Config { get; }
    /// <summary>The processes this experiment runs on (one, unless a data-parallel run gave it a group); they share rank 0's decisions.</summary>
    public LoopRanks Ranks { get; }
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
    /// <summary>The last finished round <see cref="TryResume"/> found in the store and continued after; null for a run started here.</summary>
    public int? ResumedAfterRound { get; private set; }
    /// <summary>The held-out labelled validation set (after <see cref="Initialize"/>; empty unless the config asks for one).</summary>
    public ValidationSet Validation => _validation ?? throw NotInitialised();
    /// <summary>The fixed unlabelled sample whose predictions every round compares with the previous round's (after <see cref="Initialize"/>).</summary>
    public StopSet StopSet => _stopSet ?? throw NotInitialised();
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
        ?? (Round >= 0 && Policy.AddsNothing ? $"the {Config.Recipe} recipe adds nothing after round 0"
            : Round >= 0 && Round >= Config.Rounds ? $"all {Config.Rounds} rounds done" : null);

    /// <summary>Training ids neither labelled nor rejected, ascending.</summary>
    public IReadOnlyList<int> UnlabelledPool()
    {
        var labelled = Labelled;
        var validation = Validation;
        return Data.TrainIds.Where(id => !labelled.IsTaken(id) && !validation.Contains(id)).Order().ToArray();
    }

    /// <summary>
    /// Builds the model from the initialisation and picks the initial labels (<see cref="InitialSelection"/>); returns round 0's
    /// labels, which <see cref="Train(RoundLabels, CancellationToken)"/> takes.
    /// </summary>
    public RoundLabels Initialize()
    {
        if (_labelled is not null) throw new InvalidOperationException("The experiment is already initialised.");
        if (Store?.ReadState() is { } state)
            throw new InvalidOperationException(
                $"The run in '{Store.Directory}' has finished rounds up to {state.LastRound}; continue it with TryResume() or Run().");
        Report(ExperimentPhase.Initialize, 0, Data.GivenLabelledIds is null ? "picking the initial labels and building the model"
            : "starting from the given labelled images (initialFraction / initialPerClass do not apply) and building the model");
        _model = Ranks.SharedModel(() =>
        {
            var (model, report) = ModelInitialiser.Create(Config, NumClasses);
            InitialisationReport = report;
            return model;
        }, BlankModel);
        // The model first: a cold start (typiclust) reads its embeddings, on rank 0, which shares what it chose.
        var chosen = InitialSelection.Choose(Config, Data, ids => Ranks.Predict(_model, Data.Images, ids, Config.EvalBatchSize, embeddings: true, default));
        chosen = [.. Ranks.Share(chosen?.Select(id => (long)id).ToArray()).Select(id => (int)id)];
        (var initialIds, _validation) = ModelInitialiser.StartingSets(Config, Data, chosen);
        _stopSet = StopSet.For(Config, Data, initialIds, _validation);
        var labelled = new LabelledSet(NumClasses);
        var added = new List<AddedSample>();
        foreach (int id in initialIds)
        {
            labelled.Add(id, Data.Labels[id], Provenance.Initial, 0, Data.Labels[id]);
            added.Add(new AddedSample(id, Data.Labels[id], Provenance.Initial, Data.Labels[id], double.NaN, null));
        }
        _initial = ModelInitialiser.Clone(_model, Config.Device);
        _labelled = Ranks.ShareLabelled(labelled, NumClasses);
        Store?.DiscardAfter(-1);
        Store?.SaveInitialWeights(_initial);
        StartRound();
        var start = RoundLabels.Initial(added);
        _latest = start;
        return start;
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
        int round = RequireInitialised();
        if (round == 0) throw new InvalidOperationException("Round 0 trains on the initial labels only; PredictPool() belongs to rounds 1 and later.");
        var clock = Stopwatch.StartNew();
        var pool = UnlabelledPool();
        var candidates = PoolSampler.Subsample(pool, Config.PoolPerRound, RoundSeeds.For(Config.Seed, round, SeedPurpose.Pool));
        Report(ExperimentPhase.PredictPool, round, $"predicting {candidates.Count} of {pool.Count} unlabelled samples");
        var predictions = Predict(candidates, Policy.NeedsEmbeddings, cancel);
        return predictions is null ? null : new PoolPredictions(round, candidates, predictions, pool.Count, clock.Elapsed);
    }

    /// <summary>
    /// Runs the round policy on the predictions: pseudo-label proposals (SSL, or CST candidates for the oracle to review)
    /// and active-learning queries, disjoint. Nothing is labelled yet and the oracle is not asked: that is <see cref="Label"/>.
    /// </summary>
    public RoundSelection Select(PoolPredictions predicted)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        int round = RequireInitialised();
        if (predicted.Round != round)
            throw new ArgumentException($"These predictions were made in round {predicted.Round}, not in round {round}.", nameof(predicted));
        var clock = Stopwatch.StartNew();
        Report(ExperimentPhase.Select, round, $"selecting among {predicted.Ids.Count} candidates ({Recipe.ToName()})");
        var labelledIds = Labelled.Samples.Select(s => s.Id).ToArray();
        int seed = RoundSeeds.For(Config.Seed, round, SeedPurpose.Selection);
        // Like LabelledEmbeddings: the selection runs on rank 0 alone, so MC-dropout is a local prediction.
        var context = new SelectionContext(predicted.Predictions, predicted.Ids, seed, labelledIds, LabelledEmbeddings,
            samples => Model.PredictWithDropout(Data.Images, predicted.Ids, samples, seed, Config.EvalBatchSize));
        var (proposals, queries) = Policy.Select(context);
        var selection = new RoundSelection(round, proposals, queries, predicted.Ids.Count, clock.Elapsed).CheckedAgainst(predicted.Ids);
        return selection with
        {
            Pool = new PoolSummary(predicted.PoolSize, predicted.Ids.Count),
            PredictDuration = predicted.Duration,
            Top = RoundSelection.TopOf(predicted, proposals.Ids.Concat(queries.Ids)),
        };
    }

    /// <summary>
    /// One round: PredictPool → Select → Label → Train → Evaluate → CompleteRound. Returns null, and marks the experiment
    /// finished, when the unlabelled pool is empty. With a person as oracle the round stops at Label until the person has
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
        RoundSelection? selection = waiting?.ToSelection();  // stays null on ranks other than 0: they get rank 0's labelled set
        if (selection is null && PredictPoolOnRanks(cancel) is { } predicted)
        {
            cancel.ThrowIfCancellationRequested();
            selection = Select(predicted);
        }
        cancel.ThrowIfCancellationRequested();
        var labels = selection is null ? RoundLabels.OnOtherRank(CurrentRound) : Label(selection);
        if (labels.IsPending) return null;
        _labelled = Ranks.ShareLabelled(Labelled, NumClasses);
        return CompleteRoundOnRanks(EvaluateOnRanks(Train(labels, cancel), cancel));
    }

    /// <summary>
    /// The whole experiment: resume from the store, or initialise and run round 0; then rounds until done or the
    /// pool is empty. A finished run returns its stored results without training again.
    /// </summary>
    public IReadOnlyList<RoundResult> Run(CancellationToken cancel = default)
    {
        if (_labelled is null && !TryResume())
            CompleteRoundOnRanks(EvaluateOnRanks(Train(Initialize(), cancel), cancel));
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
