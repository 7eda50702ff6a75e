using Workbench.Engine;
namespace Workbench.Scoring;

/// <summary>
/// An uncertainty measure (modAL style: measures are separate from strategies): one score per sample.
/// </summary>
public interface IScorer
{
    /// <summary>Stable name used in configs and reports, e.g. "margin".</summary>
    string Name { get; }

    /// <summary>True when a larger score means a more uncertain sample (entropy); false when smaller does (margin).</summary>
    bool HigherIsMoreUncertain { get; }

    /// <summary>One score per row of <paramref name="predictions"/>, in row order.</summary>
    double[] Score(Predictions predictions);
}
