using System.Globalization;
using System.Text;
using Workbench.Metrics;

namespace Workbench.Records;

/// <summary>
/// Trained models (one per seed) scored on a split's test cells: accuracy per image, per cell and class-balanced per cell,
/// cluster-bootstrap intervals over the cells (and seeds), and, against a baseline per seed, the Holm-adjusted paired
/// differences. `workbench evaluate` prints it; a notebook can show it.
/// </summary>
/// <param name="ImagesAsIndependent">The per-image interval as if every image were its own cell, for contrast.</param>
/// <param name="AgainstBaseline">Null without baselines.</param>
public sealed record CheckpointEvaluation(
    TestCells Cells,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<string> Models,
    IReadOnlyList<CellAccuracy> Accuracies,
    IReadOnlyList<BootstrapInterval> Intervals,
    BootstrapInterval ImagesAsIndependent,
    ComparisonFamily? AgainstBaseline,
    ClusterBootstrapOptions Options)
{
    /// <param name="correct">Per model, one flag per test image in the cells' test order.</param>
    /// <param name="baseline">Per model the same seed's baseline flags, or null.</param>
    /// <exception cref="ArgumentException">Another number of names, models and baselines, or flags that do not fit the cells.</exception>
    public static CheckpointEvaluation Of(TestCells cells, IReadOnlyList<string> classNames, IReadOnlyList<string> models,
        IReadOnlyList<IReadOnlyList<bool>> correct, IReadOnlyList<IReadOnlyList<bool>>? baseline, ClusterBootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count != correct.Count || correct.Count == 0)
            throw new ArgumentException($"need one name per model, got {models.Count} names for {correct.Count} models", nameof(models));
        if (baseline is not null && baseline.Count != correct.Count)
            throw new ArgumentException($"need one baseline per model ({correct.Count}), got {baseline.Count}", nameof(baseline));
        var index = cells.ImageIndex();
        // Each image its own cell: the interval every number had before cells were known.
        var naive = new CellIndex(Enumerable.Range(0, index.ImageCount).ToArray(), index.ImageCell.Select(c => index.CellLabels[c]).ToArray());
        return new CheckpointEvaluation(cells, classNames, models, correct.Select(c => CellAccuracy.Of(index, c)).ToArray(),
            ClusterBootstrap.Accuracy(index, correct, options), ClusterBootstrap.Accuracy(naive, correct, options)[0],
            baseline is null ? null : Against(index, correct, baseline, options), options);
    }

    private static ComparisonFamily Against(CellIndex cells, IReadOnlyList<IReadOnlyList<bool>> a, IReadOnlyList<IReadOnlyList<bool>> b,
        ClusterBootstrapOptions options)
    {
        var comparisons = ClusterBootstrap.Difference(cells, a, b, options)
            .Select(d => Comparison.From($"{d.Metric} (cluster bootstrap)", d)).ToList();
        if (a.Count > 1)
            comparisons.Add(Comparison.From("PerImage (paired t over seeds)", PairedDifference.Of(
                a.Select(c => CellAccuracy.Of(cells, c).PerImage).ToList(), b.Select(c => CellAccuracy.Of(cells, c).PerImage).ToList())));
        return Holm.Adjust("checkpoint - baseline", comparisons);
    }

    /// <summary>The report as `workbench evaluate` prints it.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var index = Cells.Index;
        text.AppendLine($"BCCD {Cells.Split} TEST: {index.ImageCount} images of {index.CellCount} cells "
            + $"({string.Join(", ", ClassNames.Select((n, k) => $"{n} {(k < index.ClassCount ? index.CellsPerClass[k] : 0)}"))}); {Models.Count} model(s)");
        for (int s = 0; s < Models.Count; s++)
            text.AppendLine($"  {Models[s]}: per image {Pct(Accuracies[s].PerImage)}, per cell {Pct(Accuracies[s].PerCell)}, "
                + $"class-balanced per cell {Pct(Accuracies[s].ClassBalanced)}");
        text.AppendLine($"cluster bootstrap over cells{(Models.Count > 1 ? " and seeds" : "")} (within class, {Options.Resamples} draws, "
            + $"seed {Options.Seed}), 95% percentile intervals:");
        foreach (var interval in Intervals)
            text.AppendLine($"  {interval.Metric,-14} {interval.Format()}");
        text.AppendLine($"  (images as if independent: per image {ImagesAsIndependent.Format().Replace($"{index.ImageCount} cells", $"{index.ImageCount} images")})");
        if (AgainstBaseline is not null) text.AppendLine(AgainstBaseline.ToText());
        return text.ToString();
    }

    private static string Pct(double v) => (100 * v).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
