namespace Workbench.Loop;

/// <summary>
/// The growing labelled pool of an experiment, with the provenance and round of every sample, plus the ids
/// the oracle rejected. Invariant: an id enters at most once (labelled or rejected, never both, never twice).
/// The full record is kept forever; <see cref="TrainingSet"/> applies the per-class cap on the way out.
/// </summary>
public sealed class LabelledSet
{
    private readonly List<LabelledSample> _samples = [];
    private readonly List<RejectedSample> _rejected = [];
    private readonly Dictionary<int, int> _positionById = [];
    private readonly HashSet<int> _rejectedIds = [];

    /// <summary>An empty set for labels 0..numClasses-1.</summary>
    public LabelledSet(int numClasses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 2);
        NumClasses = numClasses;
    }

    /// <summary>Number of classes (labels are 0..NumClasses-1).</summary>
    public int NumClasses { get; }

    /// <summary>Labelled samples in order of addition (oldest first).</summary>
    public IReadOnlyList<LabelledSample> Samples => _samples;

    /// <summary>Ids the oracle could not decide, in order of rejection.</summary>
    public IReadOnlyList<RejectedSample> Rejected => _rejected;

    /// <summary>Number of labelled samples.</summary>
    public int Count => _samples.Count;

    /// <summary>True when <paramref name="id"/> is labelled.</summary>
    public bool Contains(int id) => _positionById.ContainsKey(id);

    /// <summary>True when <paramref name="id"/> has left the unlabelled pool (labelled or rejected).</summary>
    public bool IsTaken(int id) => _positionById.ContainsKey(id) || _rejectedIds.Contains(id);

    /// <summary>The labelled sample with this id.</summary>
    public LabelledSample this[int id] => _positionById.TryGetValue(id, out int position)
        ? _samples[position]
        : throw new KeyNotFoundException($"Sample {id} is not labelled.");

    /// <exception cref="InvalidOperationException">The id is already labelled or rejected.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label, true label or round is out of range.</exception>
    public LabelledSample Add(int id, int label, Provenance provenance, int round, int? trueLabel = null) =>
        Add(new LabelledSample(id, label, provenance, round, trueLabel));

    public LabelledSample Add(LabelledSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        CheckNew(sample.Id);
        CheckLabel(sample.Label, "label");
        if (sample.TrueLabel is int truth) CheckLabel(truth, "trueLabel");
        if (!Enum.IsDefined(sample.Provenance))
            throw new ArgumentOutOfRangeException("provenance", sample.Provenance, "unknown provenance");
        ArgumentOutOfRangeException.ThrowIfNegative(sample.Round, "round");
        _positionById.Add(sample.Id, _samples.Count);
        _samples.Add(sample);
        return sample;
    }

    /// <summary>Records that the oracle rejected <paramref name="id"/> in <paramref name="round"/>; it never returns to the pool.</summary>
    /// <exception cref="InvalidOperationException">The id is already labelled or rejected.</exception>
    public void Reject(int id, int round)
    {
        CheckNew(id);
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        _rejectedIds.Add(id);
        _rejected.Add(new RejectedSample(id, round));
    }

    /// <summary>Labelled counts by provenance and class.</summary>
    public ProvenanceCounts Counts() => ProvenanceCounts.Of(_samples, NumClasses);

    /// <summary>Labelled counts by class.</summary>
    public int[] CountsByClass()
    {
        var counts = new int[NumClasses];
        foreach (var sample in _samples) counts[sample.Label]++;
        return counts;
    }

    /// <summary>
    /// The samples to train on: all of them, or at most <paramref name="classCap"/> per class keeping the newest
    /// additions first (bone-marrow paper). The newest round is always kept whole, even where it alone exceeds the cap:
    /// otherwise samples the oracle has just labelled could be dropped before the model ever trained on them. Older
    /// samples fill what is left of each class's cap, most recently added first. The result keeps the order of addition.
    /// </summary>
    public TrainingSet TrainingSet(int? classCap = null)
    {
        if (classCap is < 1) throw new ArgumentOutOfRangeException(nameof(classCap), classCap, "class cap must be >= 1");
        var keep = new bool[_samples.Count];
        var counts = new int[NumClasses];
        int newest = _samples.Count == 0 ? 0 : _samples.Max(sample => sample.Round);
        for (int i = _samples.Count - 1; i >= 0; i--)
        {
            int label = _samples[i].Label;
            if (classCap is int cap && counts[label] >= cap && _samples[i].Round != newest) continue;
            keep[i] = true;
            counts[label]++;
        }
        var ids = new List<int>(_samples.Count);
        var labels = new List<int>(_samples.Count);
        for (int i = 0; i < _samples.Count; i++)
        {
            if (!keep[i]) continue;
            ids.Add(_samples[i].Id);
            labels.Add(_samples[i].Label);
        }
        return new TrainingSet(ids, labels, counts);
    }

    /// <summary>A set holding the given samples and rejections (as read back from a run store), checking every invariant.</summary>
    public static LabelledSet Restore(int numClasses, IEnumerable<LabelledSample> samples, IEnumerable<RejectedSample> rejected)
    {
        var set = new LabelledSet(numClasses);
        foreach (var sample in samples) set.Add(sample);
        foreach (var rejection in rejected) set.Reject(rejection.Id, rejection.Round);
        return set;
    }

    private void CheckNew(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        if (_positionById.TryGetValue(id, out int position))
            throw new InvalidOperationException(
                $"Sample {id} is already labelled (round {_samples[position].Round}, {_samples[position].Provenance}); a sample is never added twice.");
        if (_rejectedIds.Contains(id))
            throw new InvalidOperationException($"Sample {id} was rejected by the oracle; it cannot be added.");
    }

    private void CheckLabel(int label, string paramName)
    {
        if ((uint)label >= (uint)NumClasses)
            throw new ArgumentOutOfRangeException(paramName, label, $"{paramName} must be in 0..{NumClasses - 1}");
    }
}
