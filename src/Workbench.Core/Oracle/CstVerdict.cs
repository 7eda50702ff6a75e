namespace Workbench.Oracle;

/// <summary>What the oracle made of a proposed pseudo-label in confirmed self-training.</summary>
public enum CstVerdict
{
    /// <summary>The oracle agreed with the proposed label.</summary>
    Confirmed,

    /// <summary>The oracle gave a different label, which replaces the proposal.</summary>
    Corrected,

    /// <summary>The oracle could not decide; the sample is dropped this round.</summary>
    Rejected,
}
