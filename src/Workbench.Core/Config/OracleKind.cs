namespace Workbench.Config;

/// <summary>Who answers the oracle's questions (AL queries, CST reviews).</summary>
public enum OracleKind
{
    /// <summary>The ground truth answers at once (simulations on labelled data sets).</summary>
    Simulated,

    /// <summary>A person answers in the labelling page; each round waits for the answers (<see cref="Oracle.HumanOracle"/>).</summary>
    Human,
}
