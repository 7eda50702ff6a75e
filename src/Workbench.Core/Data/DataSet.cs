namespace Workbench.Data;

/// <summary>
/// A labelled image data set as listed on disk: samples (Id = index), class names, and what the
/// loader skipped or found suspicious. Immutable.
/// </summary>
public sealed class DataSet
{
    /// <summary>Creates a data set; checks that ids are 0..n-1 and labels/class names agree.</summary>
    public DataSet(string name, string root, IReadOnlyList<string> classNames, IReadOnlyList<string> classCodes,
        IReadOnlyList<Sample> samples, IReadOnlyList<SkippedFile>? skipped = null,
        IReadOnlyList<string>? warnings = null, IReadOnlyList<string>? notes = null, string? cacheKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(classCodes);
        ArgumentNullException.ThrowIfNull(samples);
        if (classNames.Count == 0)
            throw new ArgumentException("A data set needs at least one class.", nameof(classNames));
        if (classCodes.Count != classNames.Count)
            throw new ArgumentException(
                $"classCodes has {classCodes.Count} entries but classNames has {classNames.Count}.", nameof(classCodes));
        for (int i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            if (s.Id != i)
                throw new ArgumentException($"Sample at position {i} has Id {s.Id}; ids must be 0..n-1 in order.", nameof(samples));
            if (!s.IsLabelled)
            {
                if (s.ClassName.Length != 0)
                    throw new ArgumentException($"Unlabelled sample {i} ({s.RelativePath}) has class name '{s.ClassName}'; it must be empty.", nameof(samples));
                continue;
            }
            if (s.Label < 0 || s.Label >= classNames.Count)
                throw new ArgumentException($"Sample {i} ({s.RelativePath}) has label {s.Label}, outside 0..{classNames.Count - 1}.", nameof(samples));
            if (s.ClassName != classNames[s.Label])
                throw new ArgumentException(
                    $"Sample {i} ({s.RelativePath}) has class name '{s.ClassName}' but label {s.Label} is '{classNames[s.Label]}'.", nameof(samples));
        }
        Name = name;
        Root = root;
        ClassNames = classNames;
        ClassCodes = classCodes;
        Samples = samples;
        Skipped = skipped ?? [];
        Warnings = warnings ?? [];
        Notes = notes ?? [];
        CacheKey = cacheKey ?? name;
    }

    /// <summary>Data set name as given to <see cref="DataSets.Load"/> ("bccd", "pbc", "pbc-fine", "folder:/path").</summary>
    public string Name { get; }

    /// <summary>Directory that <see cref="Sample.RelativePath"/> is relative to.</summary>
    public string Root { get; }

    /// <summary>Human class names, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Short codes of the classes as on disk (folder name or file-name prefix), indexed by label.</summary>
    public IReadOnlyList<string> ClassCodes { get; }

    /// <summary>All samples; <c>Samples[i].Id == i</c>.</summary>
    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>Files that were left out, with the reason.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }

    /// <summary>Problems worth a user's attention (e.g. an empty class folder).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Informational remarks (e.g. samples dropped on purpose by an option).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Name plus option variant; distinguishes cache files of differently loaded sets.</summary>
    public string CacheKey { get; }

    /// <summary>
    /// True for a user's own images (a folder or a manifest, <see cref="OwnData"/>): the labelled images are the initial
    /// labels as given, unlabelled samples (<see cref="Sample.NoLabel"/>) form the pool, and a test part exists only
    /// when the user provided one.
    /// </summary>
    public bool IsOwnData { get; init; }

    /// <summary>Number of samples.</summary>
    public int Count => Samples.Count;

    /// <summary>Number of samples without a label.</summary>
    public int UnlabelledCount => Samples.Count(s => !s.IsLabelled);

    /// <summary>Absolute path of a sample's file.</summary>
    public string FullPath(Sample sample) => Path.Combine(Root, sample.RelativePath);

    /// <summary>Split names present, in order of first appearance (empty when the layout has none).</summary>
    public IReadOnlyList<string> SplitNames =>
        Samples.Where(s => s.Split is not null).Select(s => s.Split!).Distinct().ToList();

    /// <summary>Labelled samples per class over the given ids (all samples when null); indexed by label.</summary>
    public int[] CountsPerClass(IEnumerable<int>? ids = null)
    {
        var counts = new int[ClassNames.Count];
        foreach (var id in ids ?? Enumerable.Range(0, Count))
            if (SampleAt(id).IsLabelled)
                counts[Samples[id].Label]++;
        return counts;
    }

    /// <summary>Ids of the samples whose split is one of <paramref name="splits"/>, ascending.</summary>
    public IReadOnlyList<int> IdsInSplits(params string[] splits)
    {
        var wanted = new HashSet<string>(splits, StringComparer.Ordinal);
        return Samples.Where(s => s.Split is not null && wanted.Contains(s.Split)).Select(s => s.Id).ToList();
    }

    /// <summary>Labelled samples per class for each split ("" for samples without a split).</summary>
    public IReadOnlyDictionary<string, int[]> CountsPerClassBySplit()
    {
        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var s in Samples)
        {
            if (!s.IsLabelled)
                continue;
            var key = s.Split ?? "";
            if (!result.TryGetValue(key, out var counts))
                result[key] = counts = new int[ClassNames.Count];
            counts[s.Label]++;
        }
        return result;
    }

    /// <summary>Classes without a single sample, by name.</summary>
    public IReadOnlyList<string> EmptyClasses()
    {
        var counts = CountsPerClass();
        return ClassNames.Where((_, i) => counts[i] == 0).ToList();
    }

    /// <summary>Throws when the set cannot be trained on: no samples, or a class with no sample.</summary>
    public void EnsureUsableForTraining()
    {
        if (Count == 0)
            throw new DataSetException($"Data set '{Name}' at {Root} has no samples.");
        var empty = EmptyClasses();
        if (empty.Count > 0)
            throw new DataSetException(
                $"Data set '{Name}' at {Root} cannot be used for training: class(es) without samples: {string.Join(", ", empty)}.");
    }

    /// <summary>The sample with the given id; throws a clear error for an id out of range.</summary>
    public Sample SampleAt(int id)
    {
        if ((uint)id >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Sample id must be in 0..{Count - 1} for data set '{Name}'.");
        return Samples[id];
    }

    /// <summary>
    /// A copy without the given samples (ids renumbered 0..n-1, order kept); each removed sample
    /// is added to <see cref="Skipped"/> with its reason.
    /// </summary>
    public DataSet WithoutSamples(IReadOnlyDictionary<int, string> reasonsById)
    {
        ArgumentNullException.ThrowIfNull(reasonsById);
        if (reasonsById.Count == 0)
            return this;
        foreach (var id in reasonsById.Keys)
            SampleAt(id);
        var kept = new List<Sample>(Count - reasonsById.Count);
        foreach (var s in Samples)
            if (!reasonsById.ContainsKey(s.Id))
                kept.Add(s with { Id = kept.Count });
        var skipped = Skipped.Concat(reasonsById.OrderBy(p => p.Key)
            .Select(p => new SkippedFile(Samples[p.Key].RelativePath, p.Value))).ToList();
        return new DataSet(Name, Root, ClassNames, ClassCodes, kept, skipped, Warnings, Notes, CacheKey) { IsOwnData = IsOwnData };
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Count} samples, {ClassNames.Count} classes, root {Root}";
}
