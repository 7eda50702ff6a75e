using System.Diagnostics;
using Workbench.Engine;

namespace Workbench.Pretraining;

/// <summary>One epoch of pretraining (epoch 0 = the untrained model, monitor only).</summary>
/// <param name="KnnAccuracy">Leave-one-out kNN accuracy of the embeddings on the labelled images, after the epoch.</param>
/// <param name="PairAccuracy">Share of views whose most similar other view in the batch was their own partner.</param>
public sealed record PretrainEpoch(int Epoch, int Epochs, double Loss, double PairAccuracy, double KnnAccuracy, int Steps,
    double LearningRate, double Seconds);

/// <summary>What a pretraining did: its epochs (epoch 0 first) and how long it took.</summary>
public sealed record PretrainResult(IReadOnlyList<PretrainEpoch> Epochs, int Steps, double Seconds);

/// <summary>The labelled images the monitor scores (their labels are used for nothing else).</summary>
public sealed record MonitorSet(IReadOnlyList<int> Ids, IReadOnlyList<int> Labels)
{
    public static MonitorSet None { get; } = new([], []);
}

/// <summary>
/// SimCLR pretraining of a model's backbone on unlabelled images: seeded shuffles, batches of
/// <see cref="PretrainOptions.BatchSize"/> images (two views each, in the engine), a per-step cosine learning rate, and after
/// every epoch the kNN monitor on the labelled images.
/// </summary>
public static class ContrastivePretraining
{
    public static PretrainResult Fit(Model model, ImageSet images, IReadOnlyList<int> ids, MonitorSet monitor, PretrainOptions options,
        long seed, IProgress<PretrainEpoch>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(monitor);
        options.Validate();
        if (ids.Count < 2) throw new ArgumentException($"pretraining needs at least 2 images, got {ids.Count}", nameof(ids));
        if (monitor.Ids.Count != monitor.Labels.Count) throw new ArgumentException("monitor ids and labels differ in count", nameof(monitor));

        var clock = Stopwatch.StartNew();
        using var stepper = new ContrastiveStepper(model, options.Contrastive, options.Sgd, seed);
        var random = new Random(unchecked((int)seed));
        var order = ids.ToArray();
        // A batch smaller than the rest has fewer negatives; dropping the remainder keeps every step's loss comparable.
        int perEpoch = Math.Max(1, order.Length / Math.Min(options.BatchSize, order.Length));
        int batch = Math.Min(options.BatchSize, order.Length);
        int totalSteps = perEpoch * options.Epochs, steps = 0;
        var history = new List<PretrainEpoch> { new(0, options.Epochs, double.NaN, double.NaN, Monitor(model, images, monitor, options), 0,
            options.Sgd.LearningRate, clock.Elapsed.TotalSeconds) };
        progress?.Report(history[0]);
        var batchIds = new long[batch];
        double rate = options.Sgd.LearningRate;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double lossSum = 0, pairSum = 0;
            for (int b = 0; b < perEpoch; b++)
            {
                cancel.ThrowIfCancellationRequested();
                stepper.SetLearningRate(rate = TrainingLoop.LearningRateAt(steps, totalSteps, 0, options.Sgd.LearningRate, LearningRateSchedule.Cosine));
                for (int i = 0; i < batch; i++) batchIds[i] = order[b * batch + i];
                var step = stepper.Step(images, batchIds);
                lossSum += step.Loss;
                pairSum += step.PairAccuracy;
                steps++;
            }
            var result = new PretrainEpoch(epoch, options.Epochs, lossSum / perEpoch, pairSum / perEpoch, Monitor(model, images, monitor, options),
                steps, rate, clock.Elapsed.TotalSeconds);
            history.Add(result);
            progress?.Report(result);
        }
        return new PretrainResult(history, steps, clock.Elapsed.TotalSeconds);
    }

    private static double Monitor(Model model, ImageSet images, MonitorSet monitor, PretrainOptions options)
    {
        if (monitor.Ids.Count < 2) return double.NaN;
        var predictions = model.Predict(images, monitor.Ids, batchSize: 64, embeddings: true);
        return KnnMonitor.LeaveOneOutAccuracy(predictions.RequireEmbeddings("the kNN monitor"), model.EmbeddingDim, monitor.Labels, options.MonitorNeighbours);
    }
}
