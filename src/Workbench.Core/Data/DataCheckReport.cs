namespace Workbench.Data;

/// <summary>Number of images of one class in one split ("" when the layout has no splits).</summary>
public sealed record ClassSplitCount(string Split, string ClassName, int Count);

/// <summary>How many images have a given original size.</summary>
public sealed record ImageSizeCount(int Width, int Height, int Count);

/// <summary>One file of a byte-identical group.</summary>
public sealed record DuplicateMember(int SampleId, string RelativePath, string ClassName, string? Split);

/// <summary>Files with identical bytes (same SHA-256).</summary>
public sealed record DuplicateGroup(string Sha256, IReadOnlyList<DuplicateMember> Members)
{
    /// <summary>True when the labelled copies carry different labels: the same image is taught as two classes.</summary>
    public bool HasConflictingLabels => Members.Where(m => m.ClassName.Length > 0).Select(m => m.ClassName).Distinct().Count() > 1;

    /// <summary>True when one copy is labelled and another waits in the unlabelled pool (own data): it would be asked about again.</summary>
    public bool InLabelledAndUnlabelled => Members.Any(m => m.ClassName.Length == 0) && Members.Any(m => m.ClassName.Length > 0);

    /// <summary>True when the copies lie in different splits (a train/test leak in a provided split).</summary>
    public bool SpansSplits => Members.Select(m => m.Split).Distinct().Count() > 1;
}

/// <summary>
/// What <see cref="DataChecker"/> found in a data set: counts, image sizes, skipped and unreadable
/// files, loader warnings, and byte-identical duplicates (with label conflicts flagged).
/// </summary>
public sealed record DataCheckReport(
    string DataSetName,
    string Root,
    int SampleCount,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<ClassSplitCount> Counts,
    IReadOnlyList<ImageSizeCount> ImageSizes,
    IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyList<SkippedFile> Unreadable,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Notes,
    IReadOnlyList<DuplicateGroup> Duplicates)
{
    /// <summary>
    /// Split folders that form the training pool (BCCD: TRAIN, TEST); empty when every scanned image is in
    /// the pool. Folders scanned but not listed here are reported and left out of training.
    /// </summary>
    public IReadOnlyList<string> PoolSplits { get; init; } = [];

    /// <summary>Images without a label (a user's unlabelled pool); not in <see cref="Counts"/>.</summary>
    public int UnlabelledCount { get; init; }

    /// <summary>True when every image was decoded (not only its header read), so <see cref="Unreadable"/> lists every file the engine cannot use.</summary>
    public bool Decoded { get; init; }

    /// <summary>Duplicate groups with a copy in the labelled images and one in the unlabelled pool.</summary>
    public IReadOnlyList<DuplicateGroup> LabelledAndUnlabelledDuplicates => Duplicates.Where(d => d.InLabelledAndUnlabelled).ToList();

    /// <summary>Duplicate groups whose copies have different labels.</summary>
    public IReadOnlyList<DuplicateGroup> ConflictingDuplicates => Duplicates.Where(d => d.HasConflictingLabels).ToList();

    /// <summary>True when nothing needs attention: no skipped or unreadable files, warnings, label conflicts, or images both labelled and unlabelled.</summary>
    public bool IsClean => Skipped.Count == 0 && Unreadable.Count == 0 && Warnings.Count == 0 && ConflictingDuplicates.Count == 0
        && LabelledAndUnlabelledDuplicates.Count == 0;

    /// <summary>Plain-text report for a terminal.</summary>
    public string ToText() => DataCheckReportWriter.Write(this, markdown: false);

    /// <summary>Markdown report (tables) for files and notebooks.</summary>
    public string ToMarkdown() => DataCheckReportWriter.Write(this, markdown: true);
}
