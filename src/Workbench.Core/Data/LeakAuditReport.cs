namespace Workbench.Data;

/// <summary>A test image and its nearest training image, <paramref name="Distance"/> bits apart.</summary>
public sealed record NearCopyPair(int TestId, string TestPath, int TrainId, string TrainPath, int Distance);

/// <summary>
/// Near-copy audit of one split: how many of its test images have a training image within
/// <paramref name="Threshold"/> bits (<see cref="CellHash"/>), i.e. are probably the same cell seen again.
/// </summary>
/// <param name="SplitName">The split's name ("paper", "grouped", "provided", ...).</param>
/// <param name="Seed">The seed the split was drawn with; null for a split that does not use one.</param>
/// <param name="Threshold">Largest distance counted as a near-copy.</param>
/// <param name="TestCount">Test images audited.</param>
/// <param name="TestWithNearCopy">Test images with a training image within the threshold.</param>
/// <param name="NearCopiesPerClass">The same count per class, indexed by label.</param>
/// <param name="NearestDistanceCounts">Index d: test images whose nearest training image is d bits away (0..<see cref="CellHash.Bits"/>).</param>
/// <param name="Examples">A few near-copy pairs, spread over the test set.</param>
public sealed record SplitLeakAudit(
    string SplitName,
    int? Seed,
    int Threshold,
    int TestCount,
    int TestWithNearCopy,
    IReadOnlyList<int> NearCopiesPerClass,
    IReadOnlyList<int> NearestDistanceCounts,
    IReadOnlyList<NearCopyPair> Examples)
{
    /// <summary>Share of test images with a near-copy on the training side (0 when there are none).</summary>
    public double Fraction => TestCount == 0 ? 0 : TestWithNearCopy / (double)TestCount;

    /// <summary>
    /// Distinct cells among the test images (<see cref="NearCopyClusters"/>: near-copies within the test side linked into
    /// one cell), the number of independent test units; null when not counted (it compares all pairs of test images).
    /// </summary>
    public int? TestCells { get; init; }

    /// <summary>
    /// Of <see cref="TestWithNearCopy"/>, those whose nearest training image has the test image's class. A cell has one
    /// class, so a near-copy of another class is a hash collision of two different cells (or a mislabelled duplicate).
    /// </summary>
    public int SameClassNearCopies { get; init; }
}

/// <summary>
/// Whether BCCD's file-name index (<c>_k_</c>, the <see cref="Sample.SourceGroup"/>) identifies the cell: of
/// the images of <paramref name="Folder"/> whose nearest other image of the same class is a near-copy, how
/// many share its index. If the index named the source cell this would be close to all of them; if it is
/// unrelated to the cell it is close to <paramref name="ChanceRate"/>.
/// </summary>
/// <param name="Folder">The BCCD folder examined (e.g. TEST).</param>
/// <param name="Threshold">Largest distance counted as a near-copy.</param>
/// <param name="Images">Images of the folder.</param>
/// <param name="WithNearCopy">Images whose nearest other image (same folder and class) is within the threshold.</param>
/// <param name="SameSourceIndex">Of those, how many share the near-copy's file-name index.</param>
/// <param name="ChanceRate">Expected share if the index were assigned at random (same group sizes).</param>
public sealed record SourceIndexCheck(string Folder, int Threshold, int Images, int WithNearCopy, int SameSourceIndex, double ChanceRate)
{
    /// <summary>Share of near-copy pairs that share the file-name index (0 when there are none).</summary>
    public double SameIndexRate => WithNearCopy == 0 ? 0 : SameSourceIndex / (double)WithNearCopy;
}

/// <summary>The near-copy audit of several splits of one data set, with the threshold and method used.</summary>
/// <param name="DataSetName">The audited data set.</param>
/// <param name="ClassNames">Its class names, indexed by label.</param>
/// <param name="Threshold">Largest distance (of <see cref="CellHash.Bits"/> bits) counted as a near-copy.</param>
/// <param name="ImageSize">Side of the decoded images the hashes were computed from.</param>
/// <param name="Splits">One entry per split and seed.</param>
/// <param name="SourceIndex">The check of BCCD's file-name index; null when not run.</param>
public sealed record LeakAuditReport(
    string DataSetName,
    IReadOnlyList<string> ClassNames,
    int Threshold,
    int ImageSize,
    IReadOnlyList<SplitLeakAudit> Splits,
    SourceIndexCheck? SourceIndex)
{
    /// <summary>How the near-copies were found, in one sentence.</summary>
    public string Method =>
        $"{CellHash.Bits}-bit difference hash of a window centred on the nucleus ({ImageSize}px images), "
        + $"query in {CellHash.VariantCount} orientations (rotations {string.Join("/", CellHash.Rotations)} degrees x flips); "
        + $"near-copy = Hamming distance <= {Threshold}";

    /// <summary>Per split name: mean share of test images with a near-copy over the audited seeds.</summary>
    public IReadOnlyDictionary<string, double> MeanFractionBySplit =>
        Splits.GroupBy(s => s.SplitName).ToDictionary(g => g.Key, g => g.Average(s => s.Fraction));

    /// <summary>Plain-text report for a terminal.</summary>
    public string ToText() => LeakAuditWriter.Write(this, markdown: false);

    /// <summary>Markdown report for files and notebooks.</summary>
    public string ToMarkdown() => LeakAuditWriter.Write(this, markdown: true);
}
