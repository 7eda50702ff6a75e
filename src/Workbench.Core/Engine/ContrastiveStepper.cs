namespace Workbench.Engine;

/// <summary>
/// How the engine makes and compares two views of an image (SimCLR): crop, symmetries, colour jitter, the projection
/// head's width and the NT-Xent temperature. Defaults are SimCLR's, with a larger smallest crop because 32-px cells
/// keep little of themselves in an 8% crop, and without colour jitter: in blood-cell images colour is the label
/// (eosinophil granules are orange-red, a neutrophil's are faint), and views that differ in saturation or are grey
/// teach the network to ignore it. Chosen by validation on BCCD's training side, 3 seeds: jitter 0 beats SimCLR's
/// 0.4 after 10 epochs and also beats the random start (results/pretraining.md).
/// </summary>
public sealed record ContrastiveOptions
{
    public double Temperature { get; init; } = 0.5;
    public int ProjectionDim { get; init; } = 128;
    /// <summary>Random resized crop: the crop's area fraction is drawn in [CropMinScale, 1].</summary>
    public double CropMinScale { get; init; } = 0.3;
    /// <summary>Brightness, contrast and saturation factors in [1 - Jitter, 1 + Jitter] (80% of the views), grey on 20%; 0 = none
    /// (the default: see the type's summary). SimCLR's value is 0.4.</summary>
    public double Jitter { get; init; }
    /// <summary>Symmetries of the views: flips and quarter turns only.</summary>
    public Augmentation Symmetries { get; init; } = Augmentation.HorizontalFlip | Augmentation.VerticalFlip | Augmentation.Rotate90;

    public void Validate()
    {
        if (!(Temperature > 0)) throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "temperature must be > 0");
        if (ProjectionDim < 1) throw new ArgumentOutOfRangeException(nameof(ProjectionDim), ProjectionDim, "projection width must be >= 1");
        if (CropMinScale is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(CropMinScale), CropMinScale, "must be in (0, 1]");
        if (Jitter is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "must be in [0, 1)");
        const Augmentation allowed = Augmentation.HorizontalFlip | Augmentation.VerticalFlip | Augmentation.Rotate90;
        if ((Symmetries & ~allowed) != 0)
            throw new ArgumentOutOfRangeException(nameof(Symmetries), Symmetries, "views take only HorizontalFlip, VerticalFlip and Rotate90");
    }
}

/// <summary>NT-Xent loss of one contrastive batch and the share of views whose nearest other view is their partner.</summary>
public readonly record struct ContrastiveStepResult(float Loss, float PairAccuracy, int Count);

/// <summary>
/// One contrastive (SimCLR) step per call on one model's backbone (the engine's wb_pretrainer): a projection head and an
/// SGD optimizer living in the engine, plus the seeded generator of the views; <c>Pretraining.ContrastivePretraining</c>
/// runs the epochs. No labels are used; the model's classifier head is left as it was. It keeps its
/// model alive like a <see cref="SgdStepper"/>. Not thread-safe: serialise its calls with every other use of its model.
/// </summary>
public sealed class ContrastiveStepper : IDisposable
{
    private readonly PretrainerHandle _handle;

    public ContrastiveStepper(Model model, ContrastiveOptions options, SgdOptions sgd, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sgd);
        options.Validate();
        sgd.Validate();
        var native = new PretrainOptionsNative
        {
            Temperature = options.Temperature, LearningRate = sgd.LearningRate, Momentum = sgd.Momentum, WeightDecay = sgd.WeightDecay,
            CropMinScale = options.CropMinScale, Jitter = options.Jitter, Seed = seed, ProjectionDim = options.ProjectionDim,
            AugmentationFlags = (int)options.Symmetries,
        };
        // The native pretrainer co-owns the model's state (workbench.h): the Model may be disposed before it.
        _handle = NativeMethods.wb_pretrainer_create(model.Handle, native);
        if (_handle.IsInvalid) throw new EngineException($"creating pretrainer: {NativeMethods.LastError()}");
    }

    public void SetLearningRate(double lr)
    {
        if (!(lr > 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be > 0");
        NativeMethods.Check(NativeMethods.wb_pretrainer_set_lr(_handle, lr), "setting learning rate");
    }

    /// <summary>One SGD step on two random views of each of images[ids] (at least 2 images).</summary>
    public unsafe ContrastiveStepResult Step(ImageSet images, ReadOnlySpan<long> ids)
    {
        ArgumentNullException.ThrowIfNull(images);
        fixed (long* index = ids)
        {
            NativeMethods.Check(NativeMethods.wb_pretrainer_step(_handle, images.Handle, index, ids.Length, out var loss, out var pairs),
                "contrastive step");
            return new ContrastiveStepResult(loss, pairs, ids.Length);
        }
    }

    /// <summary>
    /// The engine's NT-Xent loss of <paramref name="n"/> pairs of <paramref name="dim"/>-wide projections (row-major), the
    /// same function <see cref="Step"/> minimises.
    /// </summary>
    public static unsafe float NtXent(ReadOnlySpan<float> z1, ReadOnlySpan<float> z2, int n, int dim, double temperature)
    {
        if (z1.Length != (long)n * dim || z2.Length != (long)n * dim)
            throw new ArgumentException($"each side needs {n} x {dim} values, got {z1.Length} and {z2.Length}");
        fixed (float* a = z1)
        fixed (float* b = z2)
        {
            NativeMethods.Check(NativeMethods.wb_nt_xent(a, b, n, dim, temperature, out var loss), "NT-Xent");
            return loss;
        }
    }

    public void Dispose() => _handle.Dispose();
}
