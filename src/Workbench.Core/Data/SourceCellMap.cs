using System.Text.RegularExpressions;

namespace Workbench.Data;

/// <summary>One source cell: a TEST_SIMPLE original, with the byte-identical copies of it that the folder also holds.</summary>
/// <param name="Cell">Cell number, 0..Cells-1 in TEST_SIMPLE load order.</param>
/// <param name="Label">Class.</param>
/// <param name="Path">The original (first of its copies).</param>
/// <param name="Copies">Other TEST_SIMPLE files with the same hash (distance 0): the same cell filed twice.</param>
/// <param name="Images">TEST images assigned to the cell.</param>
public sealed record SourceCell(int Cell, int Label, string Path, IReadOnlyList<string> Copies, int Images);

/// <summary>A TEST image and its source cell.</summary>
/// <param name="Id">Sample id in the hashed data set.</param>
/// <param name="Path">Relative path (TEST/CLASS/file).</param>
/// <param name="Label">Class (the cell is searched only among originals of this class).</param>
/// <param name="Cell">The nearest original's <see cref="SourceCell.Cell"/>.</param>
/// <param name="Distance">Bits to it (best of the image's orientations).</param>
/// <param name="Margin">Bits from it to the second-nearest cell: small means the assignment is a close call.</param>
/// <param name="FileIndexAgrees">The file name's _k_ equals the _k_ of the original (or of one of its copies).</param>
public sealed record CellAssignment(int Id, string Path, int Label, int Cell, int Distance, int Margin, bool FileIndexAgrees);

/// <summary>
/// Every BCCD TEST image assigned to the TEST_SIMPLE original nearest by <see cref="CellHash"/> (20 orientations, same
/// class). The TEST folder is by construction augmentations of exactly these originals, so every image gets its nearest
/// cell; <see cref="BeyondThreshold"/> and <see cref="CloseCalls"/> say how far to trust that.
/// </summary>
public sealed partial class SourceCellMap
{
    private readonly Dictionary<string, CellAssignment> _byPath;

    private SourceCellMap(IReadOnlyList<string> classNames, int threshold, IReadOnlyList<SourceCell> cells,
        IReadOnlyList<CellAssignment> images, double fileIndexChance)
    {
        ClassNames = classNames;
        Threshold = threshold;
        Cells = cells;
        Images = images;
        FileIndexChance = fileIndexChance;
        _byPath = images.ToDictionary(a => a.Path, StringComparer.Ordinal);
    }

    /// <summary>Class names, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Near-copy threshold the summary counts against (the leak audit's).</summary>
    public int Threshold { get; }

    /// <summary>The distinct source cells (byte-identical originals merged).</summary>
    public IReadOnlyList<SourceCell> Cells { get; }

    /// <summary>One assignment per TEST image, in sample order.</summary>
    public IReadOnlyList<CellAssignment> Images { get; }

    /// <summary>Images whose nearest original is farther than <see cref="Threshold"/>: assigned, but not by a near-copy.</summary>
    public int BeyondThreshold => Images.Count(a => a.Distance > Threshold);

    /// <summary>Images whose second-nearest cell is at most 2 bits farther than the nearest.</summary>
    public int CloseCalls => Images.Count(a => a.Margin <= 2);

    /// <summary>Share of images whose file-name index names their source cell.</summary>
    public double FileIndexAgreement => Images.Count == 0 ? 0 : Images.Count(a => a.FileIndexAgrees) / (double)Images.Count;

    /// <summary>The agreement expected if the index were unrelated to the cell (1 / originals of the class, averaged over images).</summary>
    public double FileIndexChance { get; }

    public IReadOnlyList<int> CellsPerClass => Enumerable.Range(0, ClassNames.Count).Select(k => Cells.Count(c => c.Label == k)).ToArray();

    /// <summary>The assignment of the TEST image at <paramref name="relativePath"/>, or null when it is not in the map.</summary>
    public CellAssignment? Find(string relativePath) => _byPath.GetValueOrDefault(relativePath);

    /// <summary>
    /// A check of the map that needs no originals: TEST images linked to each other as near-copies (<paramref name="clusterOfImage"/>,
    /// one cluster per image of <see cref="Images"/>, e.g. <see cref="NearCopyClusters"/>) should show the same cell. Per class,
    /// the share of images in clusters of two or more whose cell is their cluster's most common cell; NaN where no cluster.
    /// </summary>
    public IReadOnlyList<double> ClusterAgreement(IReadOnlyList<int> clusterOfImage)
    {
        ArgumentNullException.ThrowIfNull(clusterOfImage);
        if (clusterOfImage.Count != Images.Count)
            throw new ArgumentException($"Need one cluster per image ({Images.Count}), got {clusterOfImage.Count}.", nameof(clusterOfImage));
        var agree = new int[ClassNames.Count];
        var total = new int[ClassNames.Count];
        foreach (var cluster in Enumerable.Range(0, Images.Count).GroupBy(i => clusterOfImage[i]).Where(g => g.Count() > 1))
        {
            var majority = cluster.GroupBy(i => Images[i].Cell).Max(g => g.Count());
            int label = Images[cluster.First()].Label;
            agree[label] += majority;
            total[label] += cluster.Count();
        }
        return total.Select((t, k) => t == 0 ? double.NaN : agree[k] / (double)t).ToArray();
    }

    [GeneratedRegex(@"^_(\d+)_")]
    private static partial Regex FileIndex();

    private static int IndexOf(string path)
    {
        var match = FileIndex().Match(System.IO.Path.GetFileName(path));
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>
    /// Builds the map from hashes of a BCCD load that holds TEST and TEST_SIMPLE (other folders are ignored).
    /// </summary>
    /// <exception cref="ArgumentException">TEST or TEST_SIMPLE is missing, or a class has TEST images but no original.</exception>
    public static SourceCellMap Build(ImageHashes hashes, int threshold = LeakAudit.DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        var data = hashes.Data;
        var test = data.IdsInSplits(BccdLayout.Test);
        var originals = data.IdsInSplits(BccdLayout.TestSimple);
        if (test.Count == 0 || originals.Count == 0)
            throw new ArgumentException($"The map needs the {BccdLayout.Test} and {BccdLayout.TestSimple} folders loaded (DataSets.LoadEverything).", nameof(hashes));

        // TEST_SIMPLE files the same cell twice (two byte-identical EOSINOPHIL pairs): one cell, or it would be counted twice.
        var cellOf = new Dictionary<int, int>();
        var members = new List<List<int>>();
        foreach (var id in originals)
        {
            int same = members.FindIndex(m => data.Samples[m[0]].Label == data.Samples[id].Label && hashes.SymmetricDistance(m[0], id) == 0);
            if (same < 0) { same = members.Count; members.Add([]); }
            members[same].Add(id);
            cellOf[id] = same;
        }
        var byClass = originals.GroupBy(id => data.Samples[id].Label).ToDictionary(g => g.Key, g => g.ToList());

        var assignments = new CellAssignment[test.Count];
        Parallel.For(0, test.Count, i =>
        {
            var sample = data.Samples[test[i]];
            if (!byClass.TryGetValue(sample.Label, out var candidates))
                throw new ArgumentException($"{sample.RelativePath}: no {BccdLayout.TestSimple} original of class {sample.ClassName}.", nameof(hashes));
            // Per cell, the nearest of its copies (identical hashes, so the same distance).
            var distance = candidates.GroupBy(id => cellOf[id]).Select(g => (Cell: g.Key, D: g.Min(id => hashes.Distance(test[i], id))))
                .OrderBy(x => x.D).ThenBy(x => x.Cell).ToList();
            int k = IndexOf(sample.RelativePath);
            bool agrees = k >= 0 && members[distance[0].Cell].Any(id => IndexOf(data.Samples[id].RelativePath) == k);
            int margin = distance.Count > 1 ? distance[1].D - distance[0].D : CellHash.Bits;
            assignments[i] = new CellAssignment(test[i], sample.RelativePath, sample.Label, distance[0].Cell, distance[0].D, margin, agrees);
        });

        var counts = assignments.GroupBy(a => a.Cell).ToDictionary(g => g.Key, g => g.Count());
        var cells = members.Select((m, c) => new SourceCell(c, data.Samples[m[0]].Label, data.Samples[m[0]].RelativePath,
            m.Skip(1).Select(id => data.Samples[id].RelativePath).ToList(), counts.GetValueOrDefault(c))).ToList();
        // If _k_ were unrelated to the cell, an image would match its cell's index with chance (copies of the cell) / (originals of the class).
        double chance = assignments.Average(a => members[a.Cell].Count / (double)byClass[a.Label].Count);
        return new SourceCellMap(data.ClassNames, threshold, cells, assignments, chance);
    }
}
