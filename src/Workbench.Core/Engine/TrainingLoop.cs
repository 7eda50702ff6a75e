using Workbench.Distributed;

namespace Workbench.Engine;

/// <summary>How the learning rate moves during one fit.</summary>
public enum LearningRateSchedule
{
    /// <summary>The base rate throughout (the papers' setting).</summary>
    Constant,
    /// <summary>Cosine annealing from the base rate towards 0, per step, over the whole fit (after any warm-up).</summary>
    Cosine,
}

/// <summary>
/// How to train: the same number of epochs over any labelled set, lengthened to a step floor on
/// small sets and optionally cut by a step budget (see <see cref="TrainingLoop.Plan"/>).
/// </summary>
public sealed record FitOptions
{
    public int Epochs { get; init; } = 40;
    public int BatchSize { get; init; } = 64;
    /// <summary>Upper bound on SGD steps; null = epochs alone decide.</summary>
    public int? MaxSteps { get; init; }
    /// <summary>Lower bound on SGD steps (whole epochs are added until reached); null = epochs alone decide.</summary>
    public int? MinSteps { get; init; }
    public SgdOptions Sgd { get; init; } = new();
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    /// <summary>Epochs of linear warm-up from near 0 to the base rate before the schedule starts (0 = none).</summary>
    public int WarmupEpochs { get; init; }
    public Augmentation Augmentation { get; init; } = Augmentation.HorizontalFlip | Augmentation.VerticalFlip;
    public long Seed { get; init; }

    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be >= 1");
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be >= 2 (batch norm)");
        if (MaxSteps is < 1) throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "step budget must be >= 1");
        if (MinSteps is < 1) throw new ArgumentOutOfRangeException(nameof(MinSteps), MinSteps, "step floor must be >= 1");
        if (!Enum.IsDefined(Schedule)) throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule, "unknown schedule");
        if (WarmupEpochs < 0 || WarmupEpochs >= Epochs)
            throw new ArgumentOutOfRangeException(nameof(WarmupEpochs), WarmupEpochs, "warm-up must be >= 0 and shorter than the epochs");
        Sgd.Validate();
    }
}

/// <summary>Mean loss and training accuracy of one epoch, and the learning rate of its last step.</summary>
/// <param name="Consistency">What the unlabelled images did in the epoch (consistency training only).</param>
public sealed record EpochResult(int Epoch, int Epochs, double Loss, double Accuracy, int Steps, int TotalSteps, double LearningRate,
    ConsistencyEpoch? Consistency = null);

/// <summary>The epochs of one fit and how long it took.</summary>
public sealed record FitResult(IReadOnlyList<EpochResult> Epochs, int Steps, TimeSpan Duration);

/// <summary>The training loop: epochs of seeded shuffles and mini-batches, each one <see cref="SgdStepper"/> step, within a step budget, with progress.</summary>
public static class TrainingLoop
{
    /// <param name="group">
    /// Data-parallel over a process group (null or one rank: the plain loop). Every rank passes the same arguments and
    /// draws the same shuffles, so the global batches are those of one process; each rank trains on its contiguous
    /// share of each batch, with its own augmentation seed (<see cref="Rendezvous.RankSeed"/>), and starts from rank
    /// 0's weights.
    /// </param>
    /// <param name="consistency">
    /// Consistency training (FixMatch): each step also draws unlabelled images from its pool, cycling through seeded
    /// shuffles of it; null trains on the labelled images alone. One process only.
    /// </param>
    public static FitResult Fit(Model model, ImageSet images, IReadOnlyList<int> ids, IReadOnlyList<int> labels,
        float[]? classWeights, FitOptions options, IProgress<EpochResult>? progress = null, CancellationToken cancel = default,
        ProcessGroup? group = null, ConsistencyTraining? consistency = null)
    {
        options.Validate();
        consistency?.Validate(model.NumClasses);
        if (consistency is not null && group is { WorldSize: > 1 })
            throw new ArgumentException("consistency training runs on one process: drop the process group or the unlabelled pool", nameof(group));
        if (ids.Count != labels.Count) throw new ArgumentException($"{ids.Count} samples but {labels.Count} labels", nameof(labels));
        if (ids.Count < 2) throw new ArgumentException($"training needs at least 2 labelled samples, got {ids.Count}", nameof(ids));
        foreach (var label in labels)
            if (label < 0 || label >= model.NumClasses)
                throw new ArgumentException($"label {label} is outside 0..{model.NumClasses - 1}", nameof(labels));

        int ranks = group?.WorldSize ?? 1;
        if (ids.Count < 2 * ranks)
            throw new ArgumentException($"{ranks} ranks need at least {2 * ranks} labelled samples (2 per rank for batch norm), got {ids.Count}", nameof(ids));
        if (options.BatchSize < 2 * ranks)
            throw new ArgumentException($"a global batch of {options.BatchSize} cannot give {ranks} ranks 2 samples each (batch norm)", nameof(options));
        var started = DateTime.UtcNow;
        using var stepper = new SgdStepper(model, options.Sgd, Rendezvous.RankSeed(options.Seed, group?.Rank ?? 0));
        if (group is { WorldSize: > 1 })
        {
            group.Broadcast(model);
            stepper.Attach(group);
        }
        else group = null;
        var random = new Random(unchecked((int)options.Seed));
        var order = Enumerable.Range(0, ids.Count).ToArray();
        var batches = BatchBounds(ids.Count, options.BatchSize, ranks);
        var (epochs, totalSteps) = Plan(ids.Count, options, ranks);

        int warmupSteps = options.WarmupEpochs * batches.Count;
        var history = new List<EpochResult>();
        var batchIds = new long[options.BatchSize + 2 * ranks];
        var batchLabels = new long[options.BatchSize + 2 * ranks];
        int steps = 0;
        double rate = options.Sgd.LearningRate;
        var pool = consistency?.Draw(options.Seed, options.BatchSize);
        for (int epoch = 1; epoch <= epochs && steps < totalSteps; epoch++)
        {
            random.Shuffle(order);
            double lossSum = 0;
            long correct = 0, seen = 0;
            var tally = consistency is null ? null : new ConsistencyTally(epoch, model.NumClasses);
            foreach (var (start, count) in batches)
            {
                if (steps == totalSteps) break;
                cancel.ThrowIfCancellationRequested();
                if (options.Schedule != LearningRateSchedule.Constant || warmupSteps > 0)
                    stepper.SetLearningRate(rate = LearningRateAt(steps, totalSteps, warmupSteps, options.Sgd.LearningRate, options.Schedule));
                var (from, take) = group is null ? (0, count) : group.Shard(count);
                for (int i = 0; i < take; i++)
                {
                    batchIds[i] = ids[order[start + from + i]];
                    batchLabels[i] = labels[order[start + from + i]];
                }
                StepResult step;
                if (pool is null)
                    step = stepper.Step(images, batchIds.AsSpan(0, take), batchLabels.AsSpan(0, take), classWeights, options.Augmentation);
                else
                {
                    var drawn = pool.Next(take * consistency!.Options.UnlabelledRatio);
                    var both = stepper.ConsistencyStep(images, batchIds.AsSpan(0, take), batchLabels.AsSpan(0, take), drawn.Ids, classWeights,
                        options.Augmentation, consistency.Options, drawn.PseudoLabels, drawn.Confidences);
                    tally!.Add(drawn, consistency.Options.Threshold, both.UnlabelledLoss);
                    step = new StepResult(both.Loss, both.Correct, both.Count);
                }
                lossSum += step.Loss * count;
                correct += step.Correct;
                seen += count;
                steps++;
            }
            var result = new EpochResult(epoch, epochs, lossSum / seen, (double)correct / seen, steps, totalSteps, rate, tally?.ToEpoch());
            history.Add(result);
            progress?.Report(result);
        }
        // Each step starts from rank 0's batch-norm statistics, but the last step's forward left every rank with its
        // own: end on rank 0's everywhere, so that ranks score (and save) the same model. Parameters are not sent:
        // the all-reduced steps keep them equal (the tests check that they are).
        group?.Broadcast(model, buffersOnly: true);
        return new FitResult(history, steps, DateTime.UtcNow - started);
    }

    /// <summary>
    /// Epochs and SGD steps of a fit on <paramref name="count"/> samples: <see cref="FitOptions.Epochs"/> epochs whatever
    /// the size, so a round with more labelled data trains as many epochs as any other (not a capped step count);
    /// a set too small to reach <see cref="FitOptions.MinSteps"/> in those epochs trains whole epochs until it does;
    /// <see cref="FitOptions.MaxSteps"/>, when set, cuts the fit.
    /// </summary>
    internal static (int Epochs, int TotalSteps) Plan(int count, FitOptions options, int ranks = 1)
    {
        int perEpoch = BatchBounds(count, options.BatchSize, ranks).Count;
        int epochs = Math.Max(options.Epochs, ((options.MinSteps ?? 0) + perEpoch - 1) / perEpoch);
        int totalSteps = epochs * perEpoch;
        if (options.MaxSteps is { } budget) totalSteps = Math.Min(totalSteps, budget);
        return ((totalSteps + perEpoch - 1) / perEpoch, totalSteps);
    }

    /// <summary>
    /// The rate of step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>: a linear ramp over the
    /// warm-up steps, then the schedule over the rest. Cosine follows PyTorch's CosineAnnealingLR stepped per batch
    /// (eta_min 0), so step 0 trains at the base rate and the last step at a small positive rate (the engine refuses 0).
    /// </summary>
    public static double LearningRateAt(int step, int totalSteps, int warmupSteps, double baseRate, LearningRateSchedule schedule)
    {
        if (step < warmupSteps) return baseRate * (step + 1) / (warmupSteps + 1);
        if (schedule == LearningRateSchedule.Constant) return baseRate;
        double progress = (double)(step - warmupSteps) / Math.Max(1, totalSteps - warmupSteps);
        return Math.Max(baseRate * 0.5 * (1 + Math.Cos(Math.PI * progress)), baseRate * 1e-6);
    }

    /// <summary>
    /// Batches of batchSize; a last batch too small to give each rank 2 samples (batch norm) joins the one before --
    /// with one rank, only a last batch of a single sample, so the plain loop is unchanged.
    /// </summary>
    internal static List<(int Start, int Count)> BatchBounds(int count, int batchSize, int ranks = 1)
    {
        var bounds = new List<(int, int)>();
        for (int start = 0; start < count; start += batchSize) bounds.Add((start, Math.Min(batchSize, count - start)));
        if (bounds.Count > 1 && bounds[^1].Item2 < 2 * ranks)
        {
            var last = bounds[^1];
            bounds.RemoveAt(bounds.Count - 1);
            bounds[^1] = (bounds[^1].Item1, bounds[^1].Item2 + last.Item2);
        }
        return bounds;
    }
}
