namespace Workbench.Engine;

/// <summary>
/// FixMatch's settings (Sohn et al. 2020). Per step a labelled batch and <see cref="UnlabelledRatio"/> times as many
/// unlabelled images; an unlabelled image whose weak view is predicted with at least <see cref="Threshold"/> teaches its
/// strong view that class. Defaults are the paper's τ = 0.95 and λ = 1; μ is smaller than the paper's 7 because every
/// unlabelled image costs two forward passes on two CPU cores. The strong view keeps colour's hue: it carries the class in
/// stained blood cells (eosinophil granules), so it varies brightness, contrast and saturation only.
/// </summary>
public sealed record ConsistencyOptions
{
    /// <summary>Confidence of the weak view needed to pseudo-label the strong one, in (0, 1].</summary>
    public double Threshold { get; init; } = 0.95;
    /// <summary>Weight λ of the unlabelled loss.</summary>
    public double Weight { get; init; } = 1.0;
    /// <summary>Unlabelled images per labelled image in a step (μ).</summary>
    public int UnlabelledRatio { get; init; } = 3;
    /// <summary>Strong view: the crop's area fraction is drawn in [CropMinScale, 1].</summary>
    public double CropMinScale { get; init; } = 0.5;
    /// <summary>Strong view: brightness, contrast and saturation factors in [1 − Jitter, 1 + Jitter] (80% of views).</summary>
    public double Jitter { get; init; } = 0.4;
    /// <summary>Strong view: share of the jittered views turned grey.</summary>
    public double Grey { get; init; }
    /// <summary>Strong view: side of the cut-out square as a fraction of the image side (0 = none).</summary>
    public double Cutout { get; init; } = 0.5;
    /// <summary>Strong view symmetries (flips and quarter turns only).</summary>
    public Augmentation Strong { get; init; } = Augmentation.HorizontalFlip | Augmentation.VerticalFlip | Augmentation.Rotate90;

    public void Validate()
    {
        if (!(Threshold > 0 && Threshold <= 1)) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "threshold must be in (0, 1]");
        if (!(Weight >= 0)) throw new ArgumentOutOfRangeException(nameof(Weight), Weight, "unlabelled weight must be >= 0");
        if (UnlabelledRatio < 1) throw new ArgumentOutOfRangeException(nameof(UnlabelledRatio), UnlabelledRatio, "unlabelled ratio must be >= 1");
        if (!(CropMinScale > 0 && CropMinScale <= 1)) throw new ArgumentOutOfRangeException(nameof(CropMinScale), CropMinScale, "crop scale must be in (0, 1]");
        if (!(Jitter >= 0 && Jitter < 1)) throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "jitter must be in [0, 1)");
        if (!(Grey >= 0 && Grey <= 1)) throw new ArgumentOutOfRangeException(nameof(Grey), Grey, "grey share must be in [0, 1]");
        if (!(Cutout >= 0 && Cutout < 1)) throw new ArgumentOutOfRangeException(nameof(Cutout), Cutout, "cut-out side must be in [0, 1)");
        const Augmentation symmetries = Augmentation.HorizontalFlip | Augmentation.VerticalFlip | Augmentation.Rotate90;
        if ((Strong & ~symmetries) != 0)
            throw new ArgumentOutOfRangeException(nameof(Strong), Strong, "strong views take only flips and quarter turns");
    }

    internal ConsistencyOptionsNative ToNative(Augmentation weak) => new()
    {
        Threshold = Threshold, Weight = Weight, CropMinScale = CropMinScale, Jitter = Jitter, Grey = Grey, Cutout = Cutout,
        AugmentationFlags = (int)weak, StrongFlags = (int)Strong,
    };
}

/// <summary>One consistency step: the labelled loss and accuracy, and the weighted unlabelled loss.</summary>
public readonly record struct ConsistencyStepResult(float Loss, float UnlabelledLoss, int Correct, int Count);
