namespace Workbench.Config;

/// <summary>How each round's training starts.</summary>
public enum RetrainMode
{
    /// <summary>From the round-0 initial weights every round (the SSL+AL poster's code).</summary>
    FromInitial,
    /// <summary>From the previous round's model (bone-marrow paper), with the fine-tune learning rate after round 0.</summary>
    FineTune,
}
