using Workbench.Engine;

namespace Workbench.Pretraining;

/// <summary>
/// Hyper-parameters of one contrastive pretraining (never changed by running). <see cref="Method"/> and
/// <see cref="Epochs"/> are part of the cache key; the rest is recorded in the checkpoint's sidecar, and a cached
/// checkpoint made with other settings is retrained rather than reused.
/// </summary>
public sealed record PretrainOptions
{
    /// <summary>The only method so far: SimCLR (two views, projection head, NT-Xent).</summary>
    public const string SimClr = "simclr";

    public string Method { get; init; } = SimClr;
    /// <summary>
    /// 10: chosen on 1,000 validation images of BCCD's training side (77.4 ± 1.3% vs 73.1 ± 1.1% from scratch, n = 3;
    /// README "Initialisation"). 20 epochs scored higher there (79.1 ± 1.4%) but add ~10 min per (split, seed) and every
    /// reproduction was run from 10: results/pretraining.md.
    /// </summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Images per step; each gives two views, so the engine sees twice as many.</summary>
    public int BatchSize { get; init; } = 128;
    /// <summary>SGD with per-step cosine annealing to 0 over the whole pretraining.</summary>
    public SgdOptions Sgd { get; init; } = new(LearningRate: 0.1, Momentum: 0.9, WeightDecay: 1e-4);
    public ContrastiveOptions Contrastive { get; init; } = new();
    /// <summary>Neighbours of the kNN monitor (leave-one-out on the labelled images).</summary>
    public int MonitorNeighbours { get; init; } = 5;

    public void Validate()
    {
        if (Method != SimClr) throw new ArgumentException($"unknown pretraining method '{Method}' (expected {SimClr})", nameof(Method));
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be >= 1");
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "a contrastive batch needs >= 2 images");
        if (MonitorNeighbours < 1) throw new ArgumentOutOfRangeException(nameof(MonitorNeighbours), MonitorNeighbours, "must be >= 1");
        Sgd.Validate();
        Contrastive.Validate();
    }
}
