using System.Text.Json.Serialization;
using Workbench.Engine;
using Workbench.Loop;

namespace Workbench.Config;

/// <summary>
/// Everything that defines one SSL/AL experiment (scikit-learn style: hyper-parameters only, never changed by
/// running). Serialised to a run's config.json by <see cref="ExperimentConfigJson"/>; <see cref="Validate"/> names
/// the offending field. Defaults are the SSL+AL poster's full protocol; <see cref="Presets"/> builds the others.
/// </summary>
public sealed record ExperimentConfig
{
    /// <summary>Data set name (bccd, pbc, pbc-fine, folder:/path for a user's own images, or any name an <see cref="IExperimentData"/> reports).</summary>
    public string DataSet { get; init; } = "bccd";

    /// <summary>Train/test split name (paper, grouped, provided, stratified, per-class-N).</summary>
    public string Split { get; init; } = "paper";

    /// <summary>Seed of every random decision; round r's decisions derive from (Seed, r), see <see cref="RoundSeeds"/>.</summary>
    public int Seed { get; init; }

    /// <summary>Side of the square images fed to the network, in pixels.</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>
    /// Side, in original pixels, of a square cut around each image's nucleus before resizing to <see cref="ImageSize"/>
    /// (<see cref="Workbench.Data.NucleusCrop"/>); 0 = the whole frame squashed (the default, and what configs written before
    /// the field existed mean).
    /// </summary>
    public int CropPixels { get; init; }

    /// <summary>Network: resnet18, senet8, smallcnn or cnn4.</summary>
    public string Architecture { get; init; } = "resnet18";

    /// <summary>Where the round-0 weights come from.</summary>
    public InitialisationKind Initialisation { get; init; } = InitialisationKind.Scratch;

    /// <summary>Weights file or run folder for <see cref="InitialisationKind.Weights"/> / <see cref="InitialisationKind.Checkpoint"/>; null for scratch.</summary>
    public string? InitialisationPath { get; init; }

    /// <summary>Initially labelled fraction of the training part, stratified (poster: 0.02). Exclusive with <see cref="InitialPerClass"/>.</summary>
    public double? InitialFraction { get; init; } = 0.02;

    /// <summary>Initially labelled images per class (bone-marrow: 25). Exclusive with <see cref="InitialFraction"/>.</summary>
    public int? InitialPerClass { get; init; }

    /// <summary>
    /// How the initially labelled images are chosen (<see cref="Loop.InitialSelection"/>): stratified (the default, and what
    /// configs written before the field existed mean), random (without labels) or typiclust (the cold start over the
    /// starting model's embeddings); as many as the stratified draw either way.
    /// </summary>
    public string InitialSelection { get; init; } = Loop.InitialSelection.Stratified;

    /// <summary>
    /// What a round adds: baseline, ssl, al, ssl+al, cst or cst+al (see <see cref="Recipes"/>). Stored as "recipe";
    /// config files written before the name changed say "strategy" and still load.
    /// </summary>
    [Reach(FieldReach.LaterRounds)]
    public string Recipe { get; init; } = "ssl+al";

    /// <summary>
    /// When a recipe both proposes pseudo-labels and queries the oracle: queries-first (active learning on all candidates,
    /// pseudo-labels from what it left; the default of runs made before this field existed) or pseudo-labels-first
    /// (the poster and its authors' code: pseudo-labels are taken and removed from the pool, then the AL strategy runs on
    /// what remains).
    /// </summary>
    [Reach(FieldReach.LaterRounds)]
    public SelectionOrder SelectionOrder { get; init; } = SelectionOrder.QueriesFirst;

    /// <summary>Confidence a pseudo-label (or CST proposal) must exceed: poster 0.97, CST 0.99, CST+AL 0.9.</summary>
    [Reach(FieldReach.LaterRounds)]
    public double PseudoLabelThreshold { get; init; } = 0.97;

    /// <summary>Active-learning strategy: any query strategy of <see cref="Selection.SelectionStrategies.QueryNames"/> (the
    /// built-ins cluster-margin, margin-threshold, top-k, core-set, random, typiclust, badge, and any registered from code).</summary>
    [Reach(FieldReach.LaterRounds)]
    public string ActiveLearning { get; init; } = "cluster-margin";

    /// <summary>Samples queried per round by cluster-margin, top-k, core-set, random, typiclust and badge.</summary>
    [Reach(FieldReach.LaterRounds)]
    public int Budget { get; init; } = 100;

    /// <summary>
    /// Class-balanced queries: the active-learning strategy's ranking is taken round-robin across the candidates' predicted
    /// classes (<see cref="Selection.BalancedQuerySelection"/>), for rare classes. False (the default, and what configs written
    /// before the field existed mean) = the strategy's own choice.
    /// </summary>
    [Reach(FieldReach.LaterRounds)]
    public bool BalancedQueries { get; init; }

    /// <summary>margin-threshold: query every candidate with top-1 minus top-2 below this (bone-marrow: 0.2).</summary>
    [Reach(FieldReach.LaterRounds)]
    public double MarginThreshold { get; init; } = 0.2;

    /// <summary>margin-threshold: at most this many queries per round (the smallest margins); null = no cap.</summary>
    [Reach(FieldReach.LaterRounds)]
    public int? MarginCap { get; init; }

    /// <summary>The query strategy's uncertainty measure (confidence, margin, entropy, least-confidence, or a registered one):
    /// top-k ranks by it, cluster-margin and margin-threshold use it in place of the margin. Stored as "topKScorer", its
    /// first name, so that existing run folders and configs read and resume unchanged.</summary>
    [JsonPropertyName("topKScorer")]
    [Reach(FieldReach.LaterRounds)]
    public string QueryScorer { get; init; } = "margin";

    /// <summary>
    /// Who answers: the truth (simulated, the default) or a person, for whom every round that asks something stops
    /// "awaiting labels" until the queue in the run folder is answered. A user's own unlabelled images need a person.
    /// </summary>
    public OracleKind Oracle { get; init; } = OracleKind.Simulated;

    /// <summary>Fraction of CST proposals the simulated human cannot decide and drops, in [0, 1).</summary>
    [Reach(FieldReach.LaterRounds)]
    public double CstRejectRate { get; init; }

    /// <summary>Rounds after round 0 (the baseline). A resumed run may ask for more.</summary>
    [Reach(FieldReach.Resume)]
    public int Rounds { get; init; } = 3;

    /// <summary>Random unlabelled samples scored per round (bone-marrow: 5000); null = the whole pool.</summary>
    [Reach(FieldReach.LaterRounds)]
    public int? PoolPerRound { get; init; }

    /// <summary>Most training samples per class, newest first (bone-marrow: 1000); null = no cap.</summary>
    public int? ClassCap { get; init; }

    /// <summary>
    /// Labelled validation images per class, drawn (seeded, stratified) from the training part after the initial labels and
    /// kept out of the pool (bone-marrow: 50); null = none. Its accuracy is recorded every round and never used for training.
    /// </summary>
    public int? ValidationPerClass { get; init; }

    /// <summary>
    /// The rounds start only when round 0 reaches this accuracy on the validation set (bone-marrow: 0.8); otherwise the run
    /// stops after round 0 and says so. Null = no gate (the validation accuracy is still reported).
    /// </summary>
    public double? ValidationGate { get; init; }

    /// <summary>
    /// Ends the run early once the model's predictions on a fixed unlabelled sample (<see cref="StopSet"/>) have stabilised:
    /// the mean Cohen's kappa between consecutive rounds over the last <see cref="StopKappaWindow"/> rounds reaches this
    /// (Bloodgood and Vijay-Shanker 2009: 0.99; <see cref="KappaStopping"/>). Null = never (the default: the kappa is still
    /// reported every round). Matters after round 0 only.
    /// </summary>
    [Reach(FieldReach.LaterRounds)]
    public double? StopWhenKappa { get; init; }

    /// <summary>Rounds whose kappas <see cref="StopWhenKappa"/> averages (the paper: 3).</summary>
    [Reach(FieldReach.LaterRounds)]
    public int StopKappaWindow { get; init; } = KappaStopping.DefaultWindow;

    /// <summary>
    /// Images in the stop set (drawn once from round 0's unlabelled training side; all of it when smaller). Round 0 records
    /// the set's predictions, so unlike the rule it is part of what round 0 is.
    /// </summary>
    public int StopSetSize { get; init; } = StopSet.DefaultSize;

    /// <summary>Class-weighted loss from the training set's class counts (poster: yes; bone-marrow: no, balance comes from the class cap).</summary>
    public bool WeightedLoss { get; init; } = true;

    /// <summary>Start each round from the initial weights or from the previous model.</summary>
    [Reach(FieldReach.LaterRounds)]
    public RetrainMode Retrain { get; init; } = RetrainMode.FromInitial;

    /// <summary>Epochs per round's training.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Upper bound on SGD steps per round's training; null = epochs alone decide.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Lower bound on SGD steps per round's training (small sets train whole extra epochs); null = epochs alone decide.</summary>
    public int? MinSteps { get; init; }

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>SGD learning rate of round 0 (and of every round when retraining from the initial weights).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Learning rate of rounds after 0 when fine-tuning (bone-marrow: 0.005); null = <see cref="LearningRate"/>.</summary>
    [Reach(FieldReach.LaterRounds)]
    public double? FineTuneLearningRate { get; init; }

    /// <summary>Learning-rate schedule within each round's training (the papers: constant).</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD weight decay.</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>On-the-fly training augmentations (also the weak view of consistency training).</summary>
    public Augmentation Augmentation { get; init; } = Augmentation.HorizontalFlip | Augmentation.VerticalFlip;

    /// <summary>
    /// Consistency training's settings (threshold, unlabelled ratio and weight, the strong view), read by the recipes that
    /// train on the unlabelled pool (fixmatch, fixmatch+al) and ignored by the others. Configs written before the field
    /// existed mean the defaults.
    /// </summary>
    public ConsistencyOptions Consistency { get; init; } = new();

    /// <summary>
    /// Batch size of prediction (pool scoring, evaluation). 64 because on a CPU larger batches were measured slower
    /// (ResNet-18 at 64 px: 6,000 images in 7 s at 64, 21 s at 256; activations outgrow the caches).
    /// </summary>
    public int EvalBatchSize { get; init; } = 64;

    /// <summary>Engine device ("cpu", "cuda", "cuda:1"). Not part of a run's identity: a run may resume on another device.</summary>
    [Reach(FieldReach.Resume)]
    public string Device { get; init; } = "cpu";

    public Recipe ParsedRecipe() => Recipes.Parse(Recipe, "recipe");

    public Architecture ParsedArchitecture() => ArchitectureNames.Parse(Architecture);

    /// <summary>Every problem of this config, one line each naming its field; empty when valid.</summary>
    public IReadOnlyList<ConfigProblem> Problems() => ExperimentConfigValidator.Check(this);

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> whose ParamName is the first bad field and whose message lists all problems.
    /// Checked once per instance, where the config is built (presets, overrides, JSON, the CLI); the places that take a config
    /// (run store, experiment) call it again as a guard for hand-built ones, which is then free.
    /// </summary>
    public ExperimentConfig Validate()
    {
        // A config never changes (`with` makes another instance), so a passed check holds for the instance's lifetime.
        if (Checked.TryGetValue(this, out _)) return this;
        var problems = Problems();
        if (problems.Count == 0) { Checked.AddOrUpdate(this, this); return this; }
        throw new ArgumentException(
            $"Invalid experiment config ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}): "
            + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")), problems[0].Field);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ExperimentConfig, ExperimentConfig> Checked = new();

    /// <summary>The training options of one round (0 = the first training).</summary>
    public FitOptions FitOptions(int round, long seed) => new()
    {
        Epochs = Epochs,
        BatchSize = BatchSize,
        MaxSteps = MaxSteps,
        MinSteps = MinSteps,
        Sgd = new SgdOptions(
            Retrain == RetrainMode.FineTune && round > 0 ? FineTuneLearningRate ?? LearningRate : LearningRate,
            Momentum, WeightDecay),
        Schedule = Schedule,
        Augmentation = Augmentation,
        Seed = seed,
    };
}
