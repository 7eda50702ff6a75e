using Workbench.Data;
using Workbench.Engine;

namespace Workbench.Loop;

/// <summary>An in-memory <see cref="IExperimentData"/>, validated on construction.</summary>
public sealed class ExperimentData : IExperimentData, IDisposable
{
    private readonly bool _ownsImages;

    /// <summary>Wraps the parts; with <paramref name="ownsImages"/> the images are disposed with this object.</summary>
    /// <param name="labels">Truth per id; <see cref="Sample.NoLabel"/> allowed for training ids outside <paramref name="givenLabelledIds"/>.</param>
    /// <param name="givenLabelledIds">The user's labelled training ids (own data), or null to let the config draw them.</param>
    /// <exception cref="ArgumentException">Labels and images disagree, an id is out of range or repeated, train and test overlap,
    /// a test or given labelled id has no label.</exception>
    public ExperimentData(string name, ImageSet images, IReadOnlyList<int> labels, IReadOnlyList<string> classNames,
        IReadOnlyList<int> trainIds, IReadOnlyList<int> testIds, bool ownsImages = false, IReadOnlyList<int>? givenLabelledIds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(trainIds);
        ArgumentNullException.ThrowIfNull(testIds);
        if (labels.Count != images.Count)
            throw new ArgumentException($"{labels.Count} labels for {images.Count} images.", nameof(labels));
        if (classNames.Count < 2)
            throw new ArgumentException($"A classifier needs at least 2 classes, got {classNames.Count}.", nameof(classNames));
        for (int id = 0; id < labels.Count; id++)
            if ((uint)labels[id] >= (uint)classNames.Count && labels[id] != Sample.NoLabel)
                throw new ArgumentException($"labels[{id}] = {labels[id]} is outside 0..{classNames.Count - 1}.", nameof(labels));
        var seen = new HashSet<int>();
        CheckIds(trainIds, labels.Count, seen, nameof(trainIds));
        CheckIds(testIds, labels.Count, seen, nameof(testIds));
        if (trainIds.Count == 0) throw new ArgumentException("The training part is empty.", nameof(trainIds));
        if (testIds.Count == 0 && givenLabelledIds is null) throw new ArgumentException("The test part is empty.", nameof(testIds));
        if (testIds.FirstOrDefault(id => labels[id] == Sample.NoLabel, -1) is int unlabelledTest and >= 0)
            throw new ArgumentException($"Test id {unlabelledTest} has no label.", nameof(testIds));
        if (givenLabelledIds is not null)
        {
            var train = trainIds.ToHashSet();
            if (givenLabelledIds.FirstOrDefault(id => !train.Contains(id) || labels[id] == Sample.NoLabel, -1) is int bad and >= 0)
                throw new ArgumentException($"Given labelled id {bad} is not a labelled training id.", nameof(givenLabelledIds));
        }
        else if (trainIds.FirstOrDefault(id => labels[id] == Sample.NoLabel, -1) is int unknown and >= 0)
            throw new ArgumentException($"Training id {unknown} has no label; only data with given labelled ids may hold unlabelled images.", nameof(labels));

        Name = name;
        Images = images;
        Labels = labels;
        ClassNames = classNames;
        TrainIds = trainIds;
        TestIds = testIds;
        GivenLabelledIds = givenLabelledIds;
        _ownsImages = ownsImages;
    }

    /// <summary>Copies a decoded data set into engine memory and pairs it with a split of the same data set.</summary>
    public static ExperimentData FromCache(CachedImages cached, Split split)
    {
        ArgumentNullException.ThrowIfNull(cached);
        ArgumentNullException.ThrowIfNull(split);
        var images = cached.Images.ToImageSet();
        try
        {
            var labels = cached.Data.Samples.Select(s => s.Label).ToArray();
            // A user's labelled images are the initial labels as given; simulations draw theirs from the truth.
            var given = cached.Data.IsOwnData ? split.TrainIds.Where(id => labels[id] != Sample.NoLabel).ToArray() : null;
            return new ExperimentData(cached.Data.Name, images, labels, cached.Data.ClassNames, split.TrainIds, split.TestIds,
                ownsImages: true, givenLabelledIds: given) { ImagePaths = cached.Data.Samples.Select(cached.Data.FullPath).ToArray() };
        }
        catch
        {
            images.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public string Name { get; }
    /// <inheritdoc/>
    public ImageSet Images { get; }
    /// <inheritdoc/>
    public IReadOnlyList<int> Labels { get; }
    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }
    /// <inheritdoc/>
    public IReadOnlyList<int> TrainIds { get; }
    /// <inheritdoc/>
    public IReadOnlyList<int> TestIds { get; }
    /// <inheritdoc/>
    public IReadOnlyList<int>? GivenLabelledIds { get; }

    /// <summary>Image file of every sample id (data loaded from files), or null.</summary>
    public IReadOnlyList<string>? ImagePaths { get; init; }

    /// <inheritdoc/>
    public string? ImagePath(int id) => ImagePaths is { } paths && (uint)id < (uint)paths.Count ? paths[id] : null;

    /// <summary>Frees the images when this object owns them.</summary>
    public void Dispose()
    {
        if (_ownsImages) Images.Dispose();
    }

    private static void CheckIds(IReadOnlyList<int> ids, int count, HashSet<int> seen, string paramName)
    {
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)count)
                throw new ArgumentException($"Id {id} in {paramName} is outside 0..{count - 1}.", paramName);
            if (!seen.Add(id))
                throw new ArgumentException($"Id {id} appears twice in the train and test parts ({paramName}).", paramName);
        }
    }
}
