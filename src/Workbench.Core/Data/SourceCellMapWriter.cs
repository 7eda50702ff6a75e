using System.Globalization;

namespace Workbench.Data;

/// <summary>Writes the summary of a <see cref="SourceCellMap"/>: cells per class, images per cell, how sure the assignment is.</summary>
public static class SourceCellMapWriter
{
    /// <summary>Plain-text summary for a terminal or a notebook.</summary>
    public static string ToText(SourceCellMap map, int? paperTestCells = null, IReadOnlyList<int>? testClusters = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        string P(double v) => (100 * v).ToString("F1", CultureInfo.InvariantCulture) + "%";
        var sizes = map.Cells.Select(c => c.Images).Order().ToArray();
        var lines = new List<string>
        {
            $"BCCD provided TEST: {map.Images.Count} images of {map.Cells.Count} distinct source cells "
                + $"({string.Join(", ", map.ClassNames.Select((n, k) => $"{n} {map.CellsPerClass[k]}"))})",
            $"  images per cell: min {sizes.FirstOrDefault()}, median {(sizes.Length == 0 ? 0 : sizes[sizes.Length / 2])}, max {sizes.LastOrDefault()}; "
                + $"cells without images: {map.Cells.Count(c => c.Images == 0)}",
        };
        foreach (var cell in map.Cells.Where(c => c.Copies.Count > 0))
            lines.Add($"  {cell.Path} is filed again as {string.Join(", ", cell.Copies)} (same hash): one cell, {cell.Images} images");
        lines.Add($"  assigned to the nearest {BccdLayout.TestSimple} original of the class ({CellHash.VariantCount} orientations); "
            + $"beyond the near-copy threshold ({map.Threshold} bits): {map.BeyondThreshold}; "
            + $"close calls (second cell within 2 bits): {map.CloseCalls}");
        var distances = map.Images.Select(a => a.Distance).Order().ToArray();
        if (distances.Length > 0)
            lines.Add($"  distance to the original: median {distances[distances.Length / 2]}, 95th percentile {distances[(int)(0.95 * (distances.Length - 1))]}, max {distances[^1]} bits");
        lines.Add($"  file-name rule (_k_ of the TEST image = _k_ of its original): agrees for {P(map.FileIndexAgreement)} of images, "
            + $"chance {P(map.FileIndexChance)}: {(map.FileIndexAgreement > 0.9 ? "k names the cell" : "k does not name the cell; use the map")}");
        if (testClusters is { } clusters)
        {
            var agreement = map.ClusterAgreement(clusters);
            lines.Add($"  near-copy clusters in TEST (threshold {map.Threshold}, single linkage): {clusters.Distinct().Count()} (distinct originals: {map.Cells.Count}); "
                + $"{clusters.GroupBy(c => c).Where(g => g.Count() > 1).Sum(g => g.Count())} images in clusters of 2+");
            lines.Add("  check: share of clustered images whose cell is their cluster's majority cell: "
                + string.Join(", ", map.ClassNames.Select((n, k) => $"{n} {(double.IsNaN(agreement[k]) ? "n/a" : P(agreement[k]))}")));
        }
        if (paperTestCells is { } paper)
            lines.Add($"  paper split (seed 0) test half: {paper} near-copy clusters; an upper bound on its cells only, "
                + "since clusters split cells (see TEST above)");
        return string.Join(Environment.NewLine, lines);
    }
}
