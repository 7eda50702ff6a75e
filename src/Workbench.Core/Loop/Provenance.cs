namespace Workbench.Loop;

/// <summary>Where the label of a labelled sample came from.</summary>
public enum Provenance
{
    /// <summary>Part of the initially labelled subset (round 0).</summary>
    Initial,

    /// <summary>The model's own argmax, accepted unchecked (self-training / SSL).</summary>
    PseudoLabel,

    /// <summary>A CST proposal the oracle confirmed.</summary>
    CstConfirmed,

    /// <summary>A CST proposal the oracle corrected; the label is the oracle's.</summary>
    CstCorrected,

    /// <summary>Queried by active learning and labelled by the oracle.</summary>
    ActiveLearning,
}
