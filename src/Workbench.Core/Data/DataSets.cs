namespace Workbench.Data;

/// <summary>Entry point: loads a data set by name from a data root.</summary>
public static class DataSets
{
    /// <summary>Names accepted by <see cref="Load"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [BccdLoader.Name, PbcLoader.CoarseName, PbcLoader.FineName];

    /// <summary>
    /// Lists the images of data set <paramref name="name"/> ("bccd", "pbc" = 8 coarse classes,
    /// "pbc-fine" = file-name prefixes), or a user's own folder or manifest ("folder:/path" or a path, see <see cref="OwnData"/>;
    /// <paramref name="root"/> is then not used). <paramref name="root"/> may be the data root (holding bccd/ and
    /// pbc/), the data set's own folder, or the layout folder itself. Files that are not images are
    /// skipped and listed in <see cref="DataSet.Skipped"/>; missing folders are an error.
    /// </summary>
    public static DataSet Load(string name, string root, DataSetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options ??= DataSetOptions.Default;
        if (OwnData.IsOwnDataName(name))
            return OwnData.Load(name);
        return name.Trim().ToLowerInvariant() switch
        {
            BccdLoader.Name => BccdLoader.Load(root, options),
            PbcLoader.CoarseName => PbcLoader.Load(root, fine: false, options),
            PbcLoader.FineName => PbcLoader.Load(root, fine: true, options),
            _ => throw new ArgumentException(
                $"Unknown data set '{name}'. Valid names: {string.Join(", ", Names)}, or your own images as {OwnData.Prefix}/path.", nameof(name)),
        };
    }

    /// <summary>
    /// Everything of data set <paramref name="name"/> that is on disk, for a data check: for bccd every
    /// split folder present (TEST_SIMPLE too, which the training pool leaves out), else as <see cref="Load"/>.
    /// </summary>
    public static DataSet LoadEverything(string name, string root)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() == BccdLoader.Name
            ? BccdLoader.Load(root, new DataSetOptions { BccdSplits = BccdLoader.PresentSplits(root) })
            : Load(name, root);
    }
}
