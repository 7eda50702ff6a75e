using System.Text.Json.Serialization;

namespace Workbench.Engine;

/// <summary>
/// The unlabelled pool of a consistency fit (FixMatch) and its settings. <paramref name="MonitorLabels"/>, when given,
/// holds each pool image's true class (−1 when unknown) and is only counted, never trained on: it measures the precision
/// of the pseudo-labels the threshold lets through, as the SSL recipes record theirs.
/// </summary>
public sealed record ConsistencyTraining(IReadOnlyList<int> Unlabelled, ConsistencyOptions Options, IReadOnlyList<int>? MonitorLabels = null)
{
    public void Validate(int numClasses)
    {
        ArgumentNullException.ThrowIfNull(Unlabelled);
        ArgumentNullException.ThrowIfNull(Options);
        Options.Validate();
        if (Unlabelled.Count == 0) throw new ArgumentException("consistency training needs unlabelled images, and the pool is empty", nameof(Unlabelled));
        if (MonitorLabels is not null && MonitorLabels.Count != Unlabelled.Count)
            throw new ArgumentException($"{Unlabelled.Count} unlabelled images but {MonitorLabels.Count} monitor labels", nameof(MonitorLabels));
        if (MonitorLabels?.FirstOrDefault(l => l < -1 || l >= numClasses, 0) is int bad and not 0)
            throw new ArgumentException($"monitor label {bad} is outside -1..{numClasses - 1}", nameof(MonitorLabels));
    }

    /// <summary>The pool as an endless stream of seeded shuffles (its own generator: the labelled order is unchanged).</summary>
    internal UnlabelledStream Draw(long seed, int batchSize) => new(this, seed);
}

/// <summary>Unlabelled images handed to one step, with the slots the engine fills and their true classes (or null).</summary>
internal sealed record UnlabelledDraw(long[] Ids, long[] PseudoLabels, float[] Confidences, int[]? Truth);

/// <summary>Walks through a seeded shuffle of the pool and reshuffles when it runs out, so every image is seen once per pass.</summary>
internal sealed class UnlabelledStream(ConsistencyTraining training, long seed)
{
    private readonly Random _random = new(unchecked((int)(seed ^ 0x5EED_F1C5)));
    private readonly int[] _order = Enumerable.Range(0, training.Unlabelled.Count).ToArray();
    private int _next = int.MaxValue;

    public UnlabelledDraw Next(int count)
    {
        var ids = new long[count];
        var truth = training.MonitorLabels is null ? null : new int[count];
        for (int i = 0; i < count; i++)
        {
            if (_next >= _order.Length)
            {
                _random.Shuffle(_order);
                _next = 0;
            }
            int position = _order[_next++];
            ids[i] = training.Unlabelled[position];
            if (truth is not null) truth[i] = training.MonitorLabels![position];
        }
        return new UnlabelledDraw(ids, new long[count], new float[count], truth);
    }
}

/// <summary>
/// What the unlabelled images did in one epoch: how many were seen, how many passed the threshold (the mask) per
/// pseudo-label class, and of those with a known true class, how many were right.
/// </summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Seen">Unlabelled images drawn (with repeats across passes).</param>
/// <param name="MaskedByClass">Images whose weak view passed the threshold, by the pseudo-label given.</param>
/// <param name="CheckedByClass">Of those, the ones whose true class is known, by pseudo-label.</param>
/// <param name="CorrectByClass">Of the checked, the ones whose pseudo-label was right, by pseudo-label.</param>
/// <param name="UnlabelledLoss">Mean weighted unlabelled loss over the epoch's steps.</param>
public sealed record ConsistencyEpoch(int Epoch, int Seen, int[] MaskedByClass, int[] CheckedByClass, int[] CorrectByClass, double UnlabelledLoss)
{
    /// <summary>Share of the unlabelled images that were pseudo-labelled.</summary>
    [JsonIgnore] public double MaskRate => Seen == 0 ? 0 : (double)MaskedByClass.Sum() / Seen;

    /// <summary>Share of the checked pseudo-labels that were right; null when none could be checked.</summary>
    [JsonIgnore] public double? Precision => CheckedByClass.Sum() is int n and > 0 ? (double)CorrectByClass.Sum() / n : null;

    /// <summary>Precision of the pseudo-labels given class <paramref name="c"/>; null when none could be checked.</summary>
    public double? PrecisionOf(int c) => CheckedByClass[c] > 0 ? (double)CorrectByClass[c] / CheckedByClass[c] : null;
}

/// <summary>Counts one epoch's steps into a <see cref="ConsistencyEpoch"/>.</summary>
internal sealed class ConsistencyTally(int epoch, int numClasses)
{
    private readonly int[] _masked = new int[numClasses], _checked = new int[numClasses], _correct = new int[numClasses];
    private int _seen, _steps;
    private double _loss;

    public void Add(UnlabelledDraw draw, double threshold, double unlabelledLoss)
    {
        for (int i = 0; i < draw.Ids.Length; i++)
        {
            _seen++;
            if (draw.Confidences[i] < threshold) continue;
            int given = (int)draw.PseudoLabels[i];
            _masked[given]++;
            if (draw.Truth is { } truth && truth[i] >= 0)
            {
                _checked[given]++;
                if (truth[i] == given) _correct[given]++;
            }
        }
        _loss += unlabelledLoss;
        _steps++;
    }

    public ConsistencyEpoch ToEpoch() => new(epoch, _seen, _masked, _checked, _correct, _steps == 0 ? 0 : _loss / _steps);
}
