namespace Workbench.Config;

/// <summary>Where the weights of round 0 come from.</summary>
public enum InitialisationKind
{
    /// <summary>The engine's seeded random initialisation.</summary>
    Scratch,
    /// <summary>A torchvision state dict (e.g. ImageNet ResNet-18); what matches loads, the classifier head stays random.</summary>
    Weights,
    /// <summary>A checkpoint of another run (a .pt file, or a run folder: its latest round).</summary>
    Checkpoint,
    /// <summary>
    /// A self-supervised pretrained checkpoint from the pretraining cache (workbench pretrain), made on the training side of
    /// this run's own split and seed; its folder names the method and length (e.g. pretrained/simclr-20ep/...).
    /// </summary>
    Pretrained,
}
