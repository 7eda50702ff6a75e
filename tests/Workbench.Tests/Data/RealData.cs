using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>
/// The real data sets under shared/datasets, loaded once per test run. Missing data makes the
/// tests fail (not skip): CI has it.
/// </summary>
internal static class RealData
{
    private static readonly Lazy<string> LazyRoot = new(() => DataRoot.Resolve(null));
    private static readonly Lazy<DataSet> LazyBccd = new(() => DataSets.Load("bccd", Root));
    private static readonly Lazy<DataSet> LazyBccdAll = new(() => DataSets.Load("bccd", Root,
        new DataSetOptions { BccdSplits = BccdLayout.Splits }));
    private static readonly Lazy<DataSet> LazyPbc = new(() => DataSets.Load("pbc", Root));
    private static readonly Lazy<DataSet> LazyPbcFine = new(() => DataSets.Load("pbc-fine", Root));

    public static string Root => LazyRoot.Value;

    /// <summary>BCCD TRAIN+TEST (the default pool).</summary>
    public static DataSet Bccd => LazyBccd.Value;

    /// <summary>BCCD TRAIN+TEST+TEST_SIMPLE.</summary>
    public static DataSet BccdAllSplits => LazyBccdAll.Value;

    public static DataSet Pbc => LazyPbc.Value;

    public static DataSet PbcFine => LazyPbcFine.Value;

    public static string PbcFolder => Path.Combine(Root, "pbc", "PBC_dataset_normal_DIB");

    /// <summary>BCCD TEST and TEST_SIMPLE decoded at <paramref name="size"/> px through a cache in <paramref name="cacheFolder"/>, and hashed; dispose the images.</summary>
    public static (CachedImages Images, ImageHashes Hashes) HashedBccdTestFolders(string cacheFolder, int size)
    {
        var data = DataSets.Load("bccd", Root, new DataSetOptions { BccdSplits = ["TEST", "TEST_SIMPLE"] });
        var images = new ImageCache(cacheFolder).Load(data, size);
        return (images, ImageHashes.Compute(images));
    }

    public static string BccdImages => Path.Combine(Root, "bccd", "dataset2-master", "images");
}
