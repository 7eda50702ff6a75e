namespace Workbench.Oracle;

/// <summary>The human (or simulated human) who labels samples on request.</summary>
public interface IOracle
{
    /// <summary>True label of global sample <paramref name="id"/>, or null when the oracle rejects it as too hard to decide.</summary>
    int? Label(int id);
}
