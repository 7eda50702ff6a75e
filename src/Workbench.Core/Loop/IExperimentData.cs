using Workbench.Engine;
using Workbench.Config;
using Workbench.Data;

namespace Workbench.Loop;

/// <summary>
/// What an <see cref="Experiment"/> needs of a data set: images in engine memory (image i = sample id i), the true
/// label of every id, class names, and a train/test split. The experiment only reads the truth through its oracle
/// (active learning, CST review), to record the true label of pseudo-labels, and to evaluate on the test ids. A user's own
/// images have no truth for the pool and maybe no test part; a person then answers (<see cref="Oracle.IDeferredOracle"/>).
/// </summary>
public interface IExperimentData
{
    /// <summary>Data set name, checked against <see cref="ExperimentConfig.DataSet"/> only for the report.</summary>
    string Name { get; }

    /// <summary>All images, indexed by sample id.</summary>
    ImageSet Images { get; }

    /// <summary>True label of every sample id; <see cref="Sample.NoLabel"/> where nobody knows it (a user's unlabelled pool).</summary>
    IReadOnlyList<int> Labels { get; }

    /// <summary>Class names, indexed by label.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Ids of the training part: the initially labelled subset and the unlabelled pool.</summary>
    IReadOnlyList<int> TrainIds { get; }

    /// <summary>Ids of the held-out test part; empty when there are no test labels (the loop then reports no test metrics).</summary>
    IReadOnlyList<int> TestIds { get; }

    /// <summary>
    /// The training ids labelled before the run, as the user gave them (own data: the labelled folder), or null (the
    /// default) for simulations, where the experiment draws its initial labels from the truth as the config says.
    /// </summary>
    IReadOnlyList<int>? GivenLabelledIds => null;

    /// <summary>The image file of a sample, for a person to look at; null (the default) when the data has no files.</summary>
    string? ImagePath(int id) => null;
}
