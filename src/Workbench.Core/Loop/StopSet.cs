using Workbench.Config;

namespace Workbench.Loop;

/// <summary>
/// A fixed, seeded sample of the unlabelled training side, drawn once from what round 0 leaves unlabelled (the training
/// part minus the initial labels minus the validation set) and predicted after every round: the agreement of two rounds'
/// predictions on it (Cohen's kappa) says whether the model still changes (Bloodgood and Vijay-Shanker 2009). It is never
/// asked of the oracle on its own account; when a query later labels one of its images, the image stays in the set, as in
/// the paper: the set is fixed so that every round is compared on the same images. The ids follow from the config's seed
/// and round 0's sets alone, so a resumed run draws the same set.
/// </summary>
public sealed class StopSet
{
    /// <summary>Images in the set when the unlabelled side has more, unless the config says otherwise (the paper's stop sets: a few thousand; 1,000 small images predict in well under a second).</summary>
    public const int DefaultSize = 1000;

    private StopSet(IReadOnlyList<int> ids) => Ids = ids;

    /// <summary>The sample's ids, ascending (the order of every round's <see cref="RoundResult.StopSetPredicted"/>).</summary>
    public IReadOnlyList<int> Ids { get; }

    /// <summary>
    /// The stop set of a run whose round 0 labelled <paramref name="initial"/> and held out <paramref name="validation"/>:
    /// <see cref="ExperimentConfig.StopSetSize"/> ids drawn with the seed of (config seed, round 0, <see cref="SeedPurpose.StopSet"/>),
    /// or all when fewer.
    /// </summary>
    public static StopSet For(ExperimentConfig config, IExperimentData data, IReadOnlyCollection<int> initial, ValidationSet validation)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(validation);
        var taken = initial as IReadOnlySet<int> ?? initial.ToHashSet();
        var unlabelled = data.TrainIds.Where(id => !taken.Contains(id) && !validation.Contains(id)).Order().ToArray();
        return new StopSet(PoolSampler.Subsample(unlabelled, config.StopSetSize, RoundSeeds.For(config.Seed, 0, SeedPurpose.StopSet)));
    }
}
