using Workbench.Loop;

namespace Workbench.Pretraining;

/// <summary>
/// The images pretraining may see: the training side of the run's split (the unlabelled pool and the initially labelled
/// images, whose labels it never reads), never the test side. For the grouped split that is the grouped training side.
/// </summary>
public static class PretrainingImages
{
    /// <summary>The training-side ids, ascending; throws if the split lets a test id onto the training side.</summary>
    /// <exception cref="InvalidOperationException">A test id is also a training id.</exception>
    public static IReadOnlyList<int> Select(IExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Select(data.TrainIds, data.TestIds);
    }

    /// <summary>As <see cref="Select(IExperimentData)"/> on explicit id lists.</summary>
    public static IReadOnlyList<int> Select(IReadOnlyList<int> trainIds, IReadOnlyList<int> testIds)
    {
        ArgumentNullException.ThrowIfNull(trainIds);
        ArgumentNullException.ThrowIfNull(testIds);
        var test = testIds.ToHashSet();
        var chosen = trainIds.Distinct().Order().ToArray();
        // A split bug must not turn into test images seen during pretraining: refuse rather than filter silently.
        var leaked = chosen.Where(test.Contains).Take(3).ToList();
        if (leaked.Count > 0)
            throw new InvalidOperationException($"the split puts test ids on the training side (e.g. {string.Join(", ", leaked)}); refusing to pretrain on them");
        return chosen;
    }
}
