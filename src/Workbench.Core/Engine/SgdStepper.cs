namespace Workbench.Engine;

/// <summary>SGD hyper-parameters.</summary>
public sealed record SgdOptions(double LearningRate = 0.01, double Momentum = 0.9, double WeightDecay = 5e-4)
{
    public void Validate()
    {
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be > 0");
        if (Momentum is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "momentum must be in [0, 1)");
        if (WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "weight decay must be >= 0");
    }
}

/// <summary>Loss and number of correct predictions of one training batch.</summary>
public readonly record struct StepResult(float Loss, int Correct, int Count);

/// <summary>
/// One SGD step per call on one model (the engine's wb_trainer): the optimizer bound to the model, plus the random
/// generator of its augmentations (seeded, so that a seeded run repeats exactly); <see cref="TrainingLoop"/> runs the
/// epochs. It keeps its model alive: disposing the Model first is safe, and the stepper goes on stepping it until disposed.
/// Not thread-safe: serialise its calls with every other use of its model.
/// </summary>
public sealed class SgdStepper : IDisposable
{
    private readonly TrainerHandle _handle;
    private readonly int _numClasses;

    public SgdStepper(Model model, SgdOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // model.Handle throws ObjectDisposedException for a disposed model. Nothing of the Model is kept beyond its class
        // count: the native trainer co-owns the model's state (workbench.h), so the Model may be disposed first.
        _numClasses = model.NumClasses;
        _handle = NativeMethods.wb_trainer_create(model.Handle, options.LearningRate, options.Momentum, options.WeightDecay, seed);
        if (_handle.IsInvalid) throw new EngineException($"creating trainer: {NativeMethods.LastError()}");
    }

    /// <summary>
    /// Makes every later <see cref="Step"/> a data-parallel step of <paramref name="group"/>: the ids are this rank's
    /// share of the global batch, gradients are all-reduced before the update, and the result describes the global
    /// batch (see wb_trainer_set_dist). The native trainer shares the group, so disposing the group first is safe.
    /// </summary>
    public void Attach(Distributed.ProcessGroup group) =>
        NativeMethods.Check(NativeMethods.wb_trainer_set_dist(_handle, group.Handle), "attaching the process group");

    public void SetLearningRate(double lr)
    {
        if (!(lr > 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be > 0");
        NativeMethods.Check(NativeMethods.wb_trainer_set_lr(_handle, lr), "setting learning rate");
    }

    /// <summary>One SGD step on images[ids] with the given labels and optional class weights.</summary>
    public unsafe StepResult Step(ImageSet images, ReadOnlySpan<long> ids, ReadOnlySpan<long> labels,
        ReadOnlySpan<float> classWeights, Augmentation augmentation)
    {
        CheckBatch(ids, labels, classWeights);
        fixed (long* index = ids)
        fixed (long* label = labels)
        fixed (float* weights = classWeights)
        {
            NativeMethods.Check(NativeMethods.wb_trainer_step(_handle, images.Handle, index, label, ids.Length,
                classWeights.IsEmpty ? null : weights, (int)augmentation, out var loss, out var correct), "training step");
            return new StepResult(loss, correct, ids.Length);
        }
    }

    /// <summary>
    /// One FixMatch step (wb_trainer_consistency_step): the labelled batch as <see cref="Step"/> does it, plus the unlabelled
    /// images; <paramref name="pseudoLabels"/> and <paramref name="confidences"/> (each as long as <paramref name="unlabelled"/>)
    /// receive every weak view's class and top probability, from which the caller reads the mask.
    /// </summary>
    public unsafe ConsistencyStepResult ConsistencyStep(ImageSet images, ReadOnlySpan<long> ids, ReadOnlySpan<long> labels,
        ReadOnlySpan<long> unlabelled, ReadOnlySpan<float> classWeights, Augmentation augmentation, ConsistencyOptions options,
        Span<long> pseudoLabels, Span<float> confidences)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckBatch(ids, labels, classWeights);
        if (pseudoLabels.Length != unlabelled.Length || confidences.Length != unlabelled.Length)
            throw new ArgumentException($"{unlabelled.Length} unlabelled images need as many pseudo-label and confidence slots", nameof(pseudoLabels));
        var native = options.ToNative(augmentation);
        fixed (long* index = ids)
        fixed (long* label = labels)
        fixed (long* pool = unlabelled)
        fixed (float* weights = classWeights)
        fixed (long* guesses = pseudoLabels)
        fixed (float* tops = confidences)
        {
            NativeMethods.Check(NativeMethods.wb_trainer_consistency_step(_handle, images.Handle, index, label, ids.Length, pool,
                unlabelled.Length, classWeights.IsEmpty ? null : weights, native, out var loss, out var unlabelledLoss, out var correct,
                guesses, tops), "consistency training step");
            return new ConsistencyStepResult(loss, unlabelledLoss, correct, ids.Length);
        }
    }

    private void CheckBatch(ReadOnlySpan<long> ids, ReadOnlySpan<long> labels, ReadOnlySpan<float> classWeights)
    {
        if (ids.Length != labels.Length)
            throw new ArgumentException($"{ids.Length} images but {labels.Length} labels", nameof(labels));
        if (!classWeights.IsEmpty && classWeights.Length != _numClasses)
            throw new ArgumentException($"{classWeights.Length} class weights for a {_numClasses}-class model", nameof(classWeights));
    }

    public void Dispose() => _handle.Dispose();
}
