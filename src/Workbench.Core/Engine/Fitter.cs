// Engine layer: how to train.
namespace Workbench.Engine;

/// <summary>
/// How to train: epochs over the labelled set, optionally cut by a step budget so that large
/// labelled sets (after pseudo-labelling) do not make a round arbitrarily long.
/// </summary>
public sealed record FitOptions
{
    public int Epochs { get; init; } = 40;
    public int BatchSize { get; init; } = 64;
    /// <summary>Upper bound on SGD steps; null = epochs alone decide.</summary>
    public int? MaxSteps { get; init; }
    public SgdOptions Sgd { get; init; } = new();
    public Augmentation Augmentation { get; init; } = Augmentation.HorizontalFlip | Augmentation.VerticalFlip;
    public long Seed { get; init; }

    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be >= 1");
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be >= 2 (batch norm)");
        if (MaxSteps is < 1) throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "step budget must be >= 1");
        Sgd.Validate();
    }
}

/// <summary>Mean loss and training accuracy of one epoch.</summary>
public sealed record EpochResult(int Epoch, int Epochs, double Loss, double Accuracy, int Steps, int TotalSteps);

/// <summary>The epochs of one fit and how long it took.</summary>
public sealed record FitResult(IReadOnlyList<EpochResult> Epochs, int Steps, TimeSpan Duration);

/// <summary>The mini-batch loop: seeded shuffling, batching, step budget, progress.</summary>
public static class Fitter
{
    public static FitResult Fit(Model model, ImageSet images, IReadOnlyList<int> ids, IReadOnlyList<int> labels,
        float[]? classWeights, FitOptions options, IProgress<EpochResult>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        if (ids.Count != labels.Count) throw new ArgumentException($"{ids.Count} samples but {labels.Count} labels", nameof(labels));
        if (ids.Count < 2) throw new ArgumentException($"training needs at least 2 labelled samples, got {ids.Count}", nameof(ids));
        foreach (var label in labels)
            if (label < 0 || label >= model.NumClasses)
                throw new ArgumentException($"label {label} is outside 0..{model.NumClasses - 1}", nameof(labels));

        var started = DateTime.UtcNow;
        using var trainer = new Trainer(model, options.Sgd, options.Seed);
        var random = new Random(unchecked((int)options.Seed));
        var order = Enumerable.Range(0, ids.Count).ToArray();
        var batches = BatchBounds(ids.Count, options.BatchSize);
        int totalSteps = options.Epochs * batches.Count;
        if (options.MaxSteps is { } budget) totalSteps = Math.Min(totalSteps, budget);
        int epochs = (totalSteps + batches.Count - 1) / batches.Count;

        var history = new List<EpochResult>();
        var batchIds = new long[options.BatchSize + 1];
        var batchLabels = new long[options.BatchSize + 1];
        int steps = 0;
        for (int epoch = 1; epoch <= epochs && steps < totalSteps; epoch++)
        {
            random.Shuffle(order);
            double lossSum = 0;
            long correct = 0, seen = 0;
            foreach (var (start, count) in batches)
            {
                if (steps == totalSteps) break;
                cancel.ThrowIfCancellationRequested();
                for (int i = 0; i < count; i++)
                {
                    batchIds[i] = ids[order[start + i]];
                    batchLabels[i] = labels[order[start + i]];
                }
                var step = trainer.Step(images, batchIds.AsSpan(0, count), batchLabels.AsSpan(0, count), classWeights, options.Augmentation);
                lossSum += step.Loss * count;
                correct += step.Correct;
                seen += count;
                steps++;
            }
            var result = new EpochResult(epoch, epochs, lossSum / seen, (double)correct / seen, steps, totalSteps);
            history.Add(result);
            progress?.Report(result);
        }
        return new FitResult(history, steps, DateTime.UtcNow - started);
    }

    /// <summary>Batches of batchSize; a last batch of a single sample joins the one before (batch norm needs 2).</summary>
    internal static List<(int Start, int Count)> BatchBounds(int count, int batchSize)
    {
        var bounds = new List<(int, int)>();
        for (int start = 0; start < count; start += batchSize) bounds.Add((start, Math.Min(batchSize, count - start)));
        if (bounds.Count > 1 && bounds[^1].Item2 == 1)
        {
            bounds.RemoveAt(bounds.Count - 1);
            bounds[^1] = (bounds[^1].Item1, bounds[^1].Item2 + 1);
        }
        return bounds;
    }
}
