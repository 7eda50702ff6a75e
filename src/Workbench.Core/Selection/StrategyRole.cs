namespace Workbench.Selection;

/// <summary>What the loop does with a strategy's choices: a property of its registration, never read from its name.</summary>
public enum StrategyRole
{
    /// <summary>Active learning: the chosen samples go to the oracle, which labels them (the config's activeLearning).</summary>
    Query,

    /// <summary>Proposes labels for the chosen samples (pseudo-labels, or CST candidates the oracle reviews).</summary>
    Proposal,
}
