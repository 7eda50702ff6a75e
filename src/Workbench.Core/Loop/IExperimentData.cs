// Loop layer: what an Experiment needs of a data set.
using Workbench.Engine;
using Workbench.Config;

namespace Workbench.Loop;

/// <summary>
/// What an <see cref="Experiment"/> needs of a data set: images in engine memory (image i = sample id i), the true
/// label of every id, class names, and a train/test split. The experiment only reads the truth through its oracle
/// (active learning, CST review), to record the true label of pseudo-labels, and to evaluate on the test ids.
/// </summary>
public interface IExperimentData
{
    /// <summary>Data set name, checked against <see cref="ExperimentConfig.DataSet"/> only for the report.</summary>
    string Name { get; }

    /// <summary>All images, indexed by sample id.</summary>
    ImageSet Images { get; }

    /// <summary>True label of every sample id.</summary>
    IReadOnlyList<int> Labels { get; }

    /// <summary>Class names, indexed by label.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Ids of the training part: the initially labelled subset and the unlabelled pool.</summary>
    IReadOnlyList<int> TrainIds { get; }

    /// <summary>Ids of the held-out test part.</summary>
    IReadOnlyList<int> TestIds { get; }
}
