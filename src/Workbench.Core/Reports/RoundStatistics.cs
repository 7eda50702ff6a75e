using Workbench.Display;
using Workbench.Loop;
using Workbench.Metrics;

namespace Workbench.Reports;

/// <summary>
/// Numbers across rounds and runs for learning curves and addition tables: mean ± std of a metric per round, samples
/// added per class, and how balanced those additions are.
/// </summary>
public static class RoundStatistics
{
    /// <summary>
    /// Mean ± std (sample std, 0 for one run) of <paramref name="metric"/> (default: accuracy) per round over
    /// <paramref name="runs"/>; a round averages only the runs that reached it. X is the round number.
    /// </summary>
    public static IReadOnlyList<LearningCurvePoint> MeanByRound(IEnumerable<IReadOnlyList<RoundResult>> runs, Func<RoundResult, double>? metric = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        metric ??= r => r.Accuracy;
        var list = runs.ToList();
        int rounds = list.Count == 0 ? 0 : list.Max(r => r.Count);
        var points = new List<LearningCurvePoint>();
        for (int round = 0; round < rounds; round++)
        {
            var values = list.Where(r => r.Count > round).Select(r => metric(r[round])).ToList();
            var stat = MeanStd.Of(values);
            points.Add(new LearningCurvePoint(round, stat.Mean, stat.Std));
        }
        return points;
    }

    /// <summary>Samples added after round 0 per class, counting only <paramref name="provenances"/> (all when none given).</summary>
    public static int[] AddedByClass(IReadOnlyList<RoundResult> rounds, params Provenance[] provenances)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(provenances);
        if (rounds.Count == 0) return [];
        var kinds = provenances.Length == 0 ? Enum.GetValues<Provenance>() : provenances;
        var sums = new int[rounds[0].Labelled.Added.Initial.Length];
        foreach (var round in rounds.Where(r => r.Round > 0))
            foreach (var kind in kinds)
            {
                var counts = round.Labelled.Added.For(kind);
                for (int c = 0; c < sums.Length; c++) sums[c] += counts[c];
            }
        return sums;
    }

    /// <summary>The mean over runs of <see cref="AddedByClass"/>.</summary>
    /// <exception cref="ArgumentException">No runs, or runs with different numbers of classes.</exception>
    public static double[] MeanAddedByClass(IEnumerable<IReadOnlyList<RoundResult>> runs, params Provenance[] provenances)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var perRun = runs.Select(r => AddedByClass(r, provenances)).Where(a => a.Length > 0).ToList();
        if (perRun.Count == 0) throw new ArgumentException("no run has any round", nameof(runs));
        int classes = perRun[0].Length;
        if (perRun.Any(a => a.Length != classes)) throw new ArgumentException("the runs have different numbers of classes", nameof(runs));
        return Enumerable.Range(0, classes).Select(c => perRun.Average(a => (double)a[c])).ToArray();
    }

    /// <summary>The class names of a round, from its per-class metrics.</summary>
    public static IReadOnlyList<string> ClassNames(RoundResult round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.Test.PerClass.Select(c => c.Name).ToArray();
    }

    /// <summary>How balanced <paramref name="counts"/> (one per class) are; ties go to the lower class.</summary>
    /// <exception cref="ArgumentException">Counts and names differ in length, are empty, or a count is negative.</exception>
    public static ClassBalanceSummary Balance(IReadOnlyList<double> counts, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        if (counts.Count == 0 || counts.Count != classNames.Count)
            throw new ArgumentException($"{counts.Count} counts for {classNames.Count} classes", nameof(counts));
        if (counts.Any(c => !double.IsFinite(c) || c < 0)) throw new ArgumentException("counts must be finite and >= 0", nameof(counts));
        double total = counts.Sum();
        int largest = 0, smallest = 0;
        for (int c = 1; c < counts.Count; c++)
        {
            if (counts[c] > counts[largest]) largest = c;
            if (counts[c] < counts[smallest]) smallest = c;
        }
        double mean = total / counts.Count;
        double std = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / counts.Count);
        return new ClassBalanceSummary((int)Math.Round(total), classNames[largest], total == 0 ? 0 : counts[largest] / total,
            classNames[smallest], total == 0 ? 0 : counts[smallest] / total, mean == 0 ? 0 : std / mean);
    }
}
