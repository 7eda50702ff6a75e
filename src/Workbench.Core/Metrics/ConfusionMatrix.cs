namespace Workbench.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs: row = truth, column = prediction. Immutable.
/// Per-class scores follow scikit-learn's zero_division=0: a ratio whose denominator is 0 is 0.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ConfusionMatrixJsonConverter))]
public sealed class ConfusionMatrix : IEquatable<ConfusionMatrix>
{
    private readonly int[,] _counts;

    /// <summary>Wraps a copy of square <paramref name="counts"/> (row = truth, column = prediction).</summary>
    /// <exception cref="ArgumentException">Not square, empty, or a negative count.</exception>
    public ConfusionMatrix(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int n = counts.GetLength(0);
        if (n == 0 || counts.GetLength(1) != n)
            throw new ArgumentException($"counts must be square and non-empty, got {n} x {counts.GetLength(1)}.", nameof(counts));
        foreach (int count in counts)
            if (count < 0) throw new ArgumentException($"counts holds a negative count ({count}).", nameof(counts));
        _counts = (int[,])counts.Clone();
        NumClasses = n;
        foreach (int count in counts) Total += count;
    }

    /// <summary>Counts every (truth[i], predicted[i]) pair.</summary>
    /// <exception cref="ArgumentException">Lengths differ or a label is outside [0, numClasses).</exception>
    public static ConfusionMatrix From(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "numClasses must be >= 1.");
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"truth has {truth.Count} labels but predicted has {predicted.Count}.", nameof(predicted));
        var counts = new int[numClasses, numClasses];
        for (int i = 0; i < truth.Count; i++)
        {
            CheckLabel(truth[i], i, numClasses, nameof(truth));
            CheckLabel(predicted[i], i, numClasses, nameof(predicted));
            counts[truth[i], predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    /// <summary>Number of classes (rows = columns).</summary>
    public int NumClasses { get; }

    /// <summary>Number of samples counted.</summary>
    public int Total { get; }

    /// <summary>Samples of class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public int this[int truth, int predicted] => _counts[CheckClass(truth, nameof(truth)), CheckClass(predicted, nameof(predicted))];

    /// <summary>A copy of the counts.</summary>
    public int[,] ToArray() => (int[,])_counts.Clone();

    /// <summary>Samples whose true class is <paramref name="c"/> (row sum).</summary>
    public int Support(int c)
    {
        CheckClass(c, nameof(c));
        int sum = 0;
        for (int p = 0; p < NumClasses; p++) sum += _counts[c, p];
        return sum;
    }

    /// <summary>Samples predicted as <paramref name="c"/> (column sum).</summary>
    public int PredictedCount(int c)
    {
        CheckClass(c, nameof(c));
        int sum = 0;
        for (int t = 0; t < NumClasses; t++) sum += _counts[t, c];
        return sum;
    }

    /// <summary>Fraction of samples on the diagonal; 0 for an empty matrix.</summary>
    public double Accuracy
    {
        get
        {
            int correct = 0;
            for (int c = 0; c < NumClasses; c++) correct += _counts[c, c];
            return Ratio(correct, Total);
        }
    }

    /// <summary>Of the samples predicted as <paramref name="c"/>, the fraction truly <paramref name="c"/>; 0 when none was predicted.</summary>
    public double Precision(int c) => Ratio(this[c, c], PredictedCount(c));

    /// <summary>Of the samples truly <paramref name="c"/>, the fraction predicted as <paramref name="c"/>; 0 when the class has no sample.</summary>
    public double Recall(int c) => Ratio(this[c, c], Support(c));

    /// <summary>Harmonic mean of precision and recall of <paramref name="c"/>; 0 when both are 0.</summary>
    public double F1(int c)
    {
        // 2TP / (2TP + FP + FN): same value as 2PR/(P+R), without the 0/0 of P = R = 0.
        int truePositives = this[c, c];
        return Ratio(2 * truePositives, Support(c) + PredictedCount(c));
    }

    /// <summary>
    /// Unweighted mean of <see cref="F1"/> over the classes that occur in the truth or the predictions
    /// (scikit-learn's default label set), so a class absent from an evaluation set does not pull the mean
    /// down; 0 for an empty matrix.
    /// </summary>
    public double MacroF1
    {
        get
        {
            double sum = 0;
            int present = 0;
            for (int c = 0; c < NumClasses; c++)
            {
                if (Support(c) == 0 && PredictedCount(c) == 0) continue;
                sum += F1(c);
                present++;
            }
            return present == 0 ? 0 : sum / present;
        }
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private int CheckClass(int c, string paramName)
    {
        if ((uint)c >= (uint)NumClasses)
            throw new ArgumentOutOfRangeException(paramName, c, $"Class {c} is outside [0, {NumClasses}).");
        return c;
    }

    private static void CheckLabel(int label, int index, int numClasses, string paramName)
    {
        if ((uint)label >= (uint)numClasses)
            throw new ArgumentException($"{paramName}[{index}] = {label} is outside [0, {numClasses}).", paramName);
    }

    /// <summary>Two matrices are equal when every count is (value semantics, so round records compare by content).</summary>
    public bool Equals(ConfusionMatrix? other) =>
        other is not null && other.NumClasses == NumClasses && _counts.Cast<int>().SequenceEqual(other._counts.Cast<int>());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ConfusionMatrix);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int count in _counts) hash.Add(count);
        return hash.ToHashCode();
    }
}
