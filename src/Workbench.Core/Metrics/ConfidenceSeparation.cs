using System.Globalization;

namespace Workbench.Metrics;

/// <summary>
/// How well a model's confidence tells its right predictions from its wrong ones: the median confidence of each, and the
/// AUROC of confidence as a score for "right" (the probability that a random right prediction is more confident than a
/// random wrong one; ties count half), with a seeded bootstrap percentile interval that resamples the right and the wrong
/// predictions separately. 0.5 is no separation, 1 is a threshold that keeps every right answer and drops every error.
/// Medians alone cannot answer the question: two medians 0.2 apart can come from distributions that overlap almost
/// entirely, or hardly at all.
/// </summary>
public sealed class ConfidenceSeparation
{
    private readonly double[] _right, _wrong;

    private ConfidenceSeparation(double[] right, double[] wrong, double auroc, double low, double high, int resamples, int seed, double level)
    {
        _right = right;
        _wrong = wrong;
        Auroc = auroc;
        Low = low;
        High = high;
        Resamples = resamples;
        Seed = seed;
        Level = level;
    }

    /// <summary>Right predictions.</summary>
    public int Right => _right.Length;

    /// <summary>Wrong predictions.</summary>
    public int Wrong => _wrong.Length;

    /// <summary>Median confidence of the right predictions (NaN when there are none).</summary>
    public double MedianRight => Median(_right);

    /// <summary>Median confidence of the wrong predictions (NaN when there are none).</summary>
    public double MedianWrong => Median(_wrong);

    /// <summary>P(confidence of a random right prediction &gt; that of a random wrong one), ties half; NaN without both.</summary>
    public double Auroc { get; }

    /// <summary>Lower end of the bootstrap percentile interval of <see cref="Auroc"/>.</summary>
    public double Low { get; }

    /// <summary>Upper end of the interval.</summary>
    public double High { get; }

    /// <summary>Bootstrap draws behind the interval.</summary>
    public int Resamples { get; }

    /// <summary>Seed of the draws: the same predictions and seed give the same interval.</summary>
    public int Seed { get; }

    /// <summary>Coverage of the interval.</summary>
    public double Level { get; }

    /// <summary>
    /// The separation of <paramref name="confidence"/>[i] for predictions that are right where <paramref name="correct"/>[i].
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a confidence is not a number in [0, 1].</exception>
    public static ConfidenceSeparation Of(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int resamples = 2000, int seed = 0, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(confidence);
        ArgumentNullException.ThrowIfNull(correct);
        if (confidence.Count != correct.Count) throw new ArgumentException($"{confidence.Count} confidences for {correct.Count} right/wrong flags", nameof(correct));
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "the interval's coverage must be between 0 and 1");
        for (int i = 0; i < confidence.Count; i++)
            if (!(confidence[i] is >= 0 and <= 1)) throw new ArgumentException($"confidence[{i}] = {confidence[i]} is not in [0, 1]", nameof(confidence));
        var right = Enumerable.Range(0, confidence.Count).Where(i => correct[i]).Select(i => confidence[i]).ToArray();
        var wrong = Enumerable.Range(0, confidence.Count).Where(i => !correct[i]).Select(i => confidence[i]).ToArray();
        double auroc = AurocOf(right, wrong);
        if (double.IsNaN(auroc) || resamples == 0) return new ConfidenceSeparation(right, wrong, auroc, double.NaN, double.NaN, resamples, seed, level);
        var random = new Random(seed);
        var draws = new double[resamples];
        var r = new double[right.Length];
        var w = new double[wrong.Length];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < r.Length; i++) r[i] = right[random.Next(right.Length)];
            for (int i = 0; i < w.Length; i++) w[i] = wrong[random.Next(wrong.Length)];
            draws[b] = AurocOf(r, w);
        }
        Array.Sort(draws);
        double tail = (1 - level) / 2;
        return new ConfidenceSeparation(right, wrong, auroc, Quantile(draws, tail), Quantile(draws, 1 - tail), resamples, seed, level);
    }

    /// <summary>
    /// The AUROC of confidence for right against wrong (Mann-Whitney U over the product of the counts, ties half); NaN
    /// when either list is empty.
    /// </summary>
    public static double AurocOf(IReadOnlyList<double> right, IReadOnlyList<double> wrong)
    {
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(wrong);
        if (right.Count == 0 || wrong.Count == 0) return double.NaN;
        // Ranks over both lists, tied values sharing their mean rank; U of the right ones is their rank sum less its minimum.
        int n = right.Count + wrong.Count;
        var values = new double[n];
        var isRight = new bool[n];
        for (int i = 0; i < right.Count; i++) (values[i], isRight[i]) = (right[i], true);
        for (int i = 0; i < wrong.Count; i++) values[right.Count + i] = wrong[i];
        Array.Sort(values, isRight);
        double rankSum = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && values[j] == values[i]) j++;
            double meanRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++)
                if (isRight[k]) rankSum += meanRank;
            i = j;
        }
        double u = rankSum - right.Count * (right.Count + 1) / 2.0;
        return u / ((double)right.Count * wrong.Count);
    }

    /// <summary>What a confidence threshold at <paramref name="threshold"/> would do: predictions below it are set aside.</summary>
    public ThresholdEffect Below(double threshold) =>
        new(threshold, _wrong.Count(c => c < threshold), Wrong, _right.Count(c => c < threshold), Right);

    /// <summary>
    /// The reading, worded from the numbers: the medians with their n, the AUROC with its interval, and what the AUROC
    /// means here (how often a right prediction is the more confident one; whether the interval leaves chance out).
    /// </summary>
    public string Reading()
    {
        if (Wrong == 0 || Right == 0)
            return $"{Right} right and {Wrong} wrong predictions: with no {(Wrong == 0 ? "errors" : "right answers")} there is nothing to separate.";
        string interval = double.IsNaN(Low) ? "" : $" [{F(Low)}, {F(High)}] ({Percent(Level)} bootstrap interval, {Resamples.ToString("N0", CultureInfo.InvariantCulture)} draws, seed {Seed})";
        string strength = Auroc switch
        {
            < 0.5 => "not at all: the errors are, if anything, the more confident ones",
            < 0.6 => "barely",
            < 0.7 => "weakly",
            < 0.8 => "moderately",
            < 0.9 => "well",
            _ => "very well",
        };
        string chance = double.IsNaN(Low) ? ""
            : Low > 0.5 ? " The interval lies above 0.5, so the separation is not chance."
            : " The interval reaches 0.5, so these predictions do not show that it is better than chance.";
        return $"Median confidence {F(MedianRight)} when right (n = {Right}) and {F(MedianWrong)} when wrong (n = {Wrong}); " +
            $"AUROC of confidence for right vs wrong {F(Auroc)}{interval}: a random right prediction is the more confident of a random pair " +
            $"{Percent(Auroc)} of the time, so confidence separates right from wrong {strength}.{chance}";
    }

    private static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static double Median(double[] values)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    // Linear interpolation between the order statistics around p (type 7, as R's and numpy's default).
    private static double Quantile(double[] sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

/// <summary>
/// A confidence threshold's effect: of <paramref name="Wrong"/> errors, <paramref name="WrongBelow"/> fall below it (caught);
/// of <paramref name="Right"/> right predictions, <paramref name="RightBelow"/> fall below it too (sent for review for nothing).
/// </summary>
public sealed record ThresholdEffect(double Threshold, int WrongBelow, int Wrong, int RightBelow, int Right)
{
    /// <summary>Share of the errors below the threshold (NaN without errors).</summary>
    public double WrongShare => Wrong == 0 ? double.NaN : (double)WrongBelow / Wrong;

    /// <summary>Share of the right predictions below the threshold (NaN without any).</summary>
    public double RightShare => Right == 0 ? double.NaN : (double)RightBelow / Right;
}
