using Workbench.Config;

namespace Workbench.Runs;

/// <summary>
/// Round 0 (initial labels, initial weights, the baseline training and its evaluation) depends only on the data, the seed and
/// the training recipe, not on what later rounds add. The arms of a reproduction (ssl, al, ssl+al, random controls) share
/// it, so it is trained once and copied: a new run folder gets the donor's round-0 files and a state that ends at round 0.
/// </summary>
public static class RoundZeroDonor
{
    /// <summary>Config fields that only matter after round 0 (declared on the fields); configs equal in every other field share round 0.</summary>
    public static IReadOnlyList<string> LaterRoundFields { get; } = ExperimentConfigJson.FieldsReaching(FieldReach.LaterRounds, FieldReach.Resume);

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> produce the same round 0. The recipe matters after round 0
    /// only, except where it trains on the unlabelled pool (FixMatch): that changes round 0's training itself.
    /// </summary>
    public static bool ShareRoundZero(ExperimentConfig a, ExperimentConfig b) =>
        a.ParsedRecipe().TrainsOnUnlabelled() == b.ParsedRecipe().TrainsOnUnlabelled()
        && ExperimentConfigJson.Differences(a, b).All(d => LaterRoundFields.Contains(d.Field));

    /// <summary>
    /// Seeds the empty run folder <paramref name="target"/> (opened for <paramref name="config"/>) with round 0 of the finished
    /// run in <paramref name="donorDirectory"/>. Does nothing, and returns false, when the target already has a committed
    /// round, the donor has none, or the configs could differ in round 0.
    /// </summary>
    public static bool TrySeed(RunStore target, string donorDirectory)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.ReadState() is not null || !RunStore.IsRun(donorDirectory)) return false;
        var donor = RunStore.OpenExisting(donorDirectory);
        if (donor.ReadState() is not StoredRunState state || !ShareRoundZero(donor.Config, target.Config)) return false;
        if (!File.Exists(donor.CheckpointPath(0)) || !File.Exists(donor.InitialWeightsPath)) return false;
        foreach (var (from, to) in new[]
                 {
                     (donor.InitialWeightsPath, target.InitialWeightsPath), (donor.CheckpointPath(0), target.CheckpointPath(0)),
                     (donor.AddedPath(0), target.AddedPath(0)), (donor.RoundPath(0), target.RoundPath(0)),
                 })
            AtomicFile.Write(to, path => File.Copy(from, path, overwrite: true));
        // The state after round 0: the initial labels only; a stop decided in round 0 (the validation gate, equal in both
        // configs) carries over.
        var initial = state.Samples.Where(s => s.Round == 0).ToArray();
        string? stop = state.LastRound == 0 ? state.StopReason : null;
        target.WriteSeededState(new StoredRunState(0, stop, initial, []));
        return true;
    }
}
