namespace Workbench.Engine;

/// <summary>The classifiers the engine can build.</summary>
public enum Architecture
{
    /// <summary>torchvision's ResNet-18 (same parameter names, so ImageNet weights load).</summary>
    ResNet18,
    /// <summary>The bone-marrow paper's CNN: 8 convolutions, batch norm, max pooling, squeeze-and-excitation.</summary>
    SeNet8,
    /// <summary>A 3-convolution CNN for quick runs and tests.</summary>
    SmallCnn,
    /// <summary>4 blocks of conv-BN-ReLU-max-pool (widths 32, 64, 128, 256), the quick profile's network.</summary>
    Cnn4,
    /// <summary><see cref="Cnn4"/> with dropout 0.5 between the embedding and the classifier (same weights): for MC-dropout (BALD).</summary>
    Cnn4Dropout,
}

/// <summary>Names used in configs and on the command line.</summary>
public static class ArchitectureNames
{
    public static string ToName(this Architecture architecture) => architecture switch
    {
        Architecture.ResNet18 => "resnet18",
        Architecture.SeNet8 => "senet8",
        Architecture.SmallCnn => "smallcnn",
        Architecture.Cnn4 => "cnn4",
        Architecture.Cnn4Dropout => "cnn4-dropout",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture)),
    };

    /// <summary>Every name, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<Architecture>().Select(a => a.ToName()).ToArray();

    public static Architecture Parse(string name)
    {
        var key = name.ToLowerInvariant();
        foreach (var architecture in Enum.GetValues<Architecture>())
            if (architecture.ToName() == key) return architecture;
        throw new ArgumentException(Unknown(name), nameof(name));
    }

    /// <summary>The one-line refusal of <paramref name="name"/>, listing the valid names.</summary>
    internal static string Unknown(string? name) => $"unknown architecture '{name}' (expected {string.Join(", ", Names.SkipLast(1))} or {Names[^1]})";

    /// <summary>
    /// True when the network trains with dropout before its classifier, which MC-dropout then samples (the engine's
    /// <c>wb_model_head_dropout</c>: senet8 0.3, cnn4-dropout 0.5).
    /// </summary>
    public static bool HasHeadDropout(this Architecture architecture) => architecture is Architecture.SeNet8 or Architecture.Cnn4Dropout;

    /// <summary>
    /// The architecture whose backbone (everything before the classifier) and weights this one shares: cnn4 for
    /// cnn4-dropout, itself otherwise. Self-supervised pretraining is of the backbone, so both start from one checkpoint.
    /// </summary>
    public static Architecture Backbone(this Architecture architecture) => architecture == Architecture.Cnn4Dropout ? Architecture.Cnn4 : architecture;
}
