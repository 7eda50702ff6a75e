using Workbench.Loop;
namespace Workbench.Runs;

/// <summary>
/// The committed state of a run (labelled.json): the last finished round, why the run stopped early if it did, and
/// the labelled pool with provenance and the oracle's rejections. Written last in a round, so it is the commit
/// point: files of later rounds are leftovers of an interrupted round.
/// </summary>
public sealed record StoredRunState(
    int LastRound, string? StopReason, IReadOnlyList<LabelledSample> Samples, IReadOnlyList<RejectedSample> Rejected);
