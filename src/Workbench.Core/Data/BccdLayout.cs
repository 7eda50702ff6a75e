namespace Workbench.Data;

/// <summary>Folder names of the BCCD "blood-cells" download (dataset2-master/images/SPLIT/CLASS).</summary>
public static class BccdLayout
{
    /// <summary>Training folder (9,957 augmented images of 277 source cells).</summary>
    public const string Train = "TRAIN";

    /// <summary>Test folder (2,487 augmented images of 71 source cells).</summary>
    public const string Test = "TEST";

    /// <summary>The 71 source images behind TEST, not augmented: 69 distinct cells, two eosinophils are filed twice (<see cref="SourceCellMap"/>).</summary>
    public const string TestSimple = "TEST_SIMPLE";

    /// <summary>All split folders, in load order.</summary>
    public static IReadOnlyList<string> Splits { get; } = [Train, Test, TestSimple];

    /// <summary>
    /// Folders that form the pool the paper, grouped and provided splits draw from (12,444 images);
    /// TEST_SIMPLE holds the un-augmented images behind TEST and is not in it.
    /// </summary>
    public static IReadOnlyList<string> PoolSplits { get; } = [Train, Test];

    /// <summary>Class folders, in label order.</summary>
    public static IReadOnlyList<string> Classes { get; } = ["EOSINOPHIL", "LYMPHOCYTE", "MONOCYTE", "NEUTROPHIL"];
}
