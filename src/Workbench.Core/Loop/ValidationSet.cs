using System.Globalization;
using Workbench.Config;
using Workbench.Data;

namespace Workbench.Loop;

/// <summary>
/// Labelled images held out of the training side for model checks that must not touch the test set: the bone-marrow
/// paper's 50 per class, on which round 0 must reach 80% before the rounds begin. Drawn after the initial labels, from
/// the rest of the training part, seeded by (seed, <see cref="SeedPurpose.Validation"/>); never trained on, never in the pool.
/// </summary>
public sealed class ValidationSet
{
    private readonly HashSet<int> _ids;

    private ValidationSet(IReadOnlyList<int> ids)
    {
        Ids = ids;
        _ids = ids.ToHashSet();
    }

    /// <summary>The held-out ids, ascending.</summary>
    public IReadOnlyList<int> Ids { get; }

    /// <summary>True when <paramref name="id"/> is held out.</summary>
    public bool Contains(int id) => _ids.Contains(id);

    /// <summary>The config's validation set (empty when it asks for none).</summary>
    /// <exception cref="DataSetException">A class has too few training images left after the initial labels.</exception>
    public static ValidationSet For(ExperimentConfig config, IExperimentData data, IReadOnlyCollection<int> initial)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(initial);
        if (config.ValidationPerClass is not int perClass) return new ValidationSet([]);
        var taken = initial as IReadOnlySet<int> ?? initial.ToHashSet();
        var rest = data.TrainIds.Where(id => !taken.Contains(id)).ToArray();
        return new ValidationSet(InitialLabels.ByCountPerClass(data.Labels, data.ClassNames, rest, perClass,
            RoundSeeds.For(config.Seed, 0, SeedPurpose.Validation), data.Name + " (validation set)"));
    }

    /// <summary>
    /// The config's validation set drawn among <paramref name="labelled"/> (a user's own labelled images, whose remainder are the
    /// initial labels), seeded like <see cref="For"/>.
    /// </summary>
    /// <exception cref="DataSetException">A class has too few labelled images.</exception>
    public static ValidationSet Among(ExperimentConfig config, IExperimentData data, IReadOnlyList<int> labelled)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labelled);
        if (config.ValidationPerClass is not int perClass) return new ValidationSet([]);
        return new ValidationSet(InitialLabels.ByCountPerClass(data.Labels, data.ClassNames, labelled, perClass,
            RoundSeeds.For(config.Seed, 0, SeedPurpose.Validation), data.Name + " (validation set from the labelled images)"));
    }

    /// <summary>Null when the gate is passed or there is none; otherwise why the rounds do not start.</summary>
    public static string? GateFailure(ExperimentConfig config, double? validationAccuracy)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.ValidationGate is not double gate || validationAccuracy is not double accuracy || accuracy >= gate) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"round 0 reached {accuracy * 100:F1}% on the validation set, below the gate of {gate * 100:F0}%: the rounds do not start");
    }
}
