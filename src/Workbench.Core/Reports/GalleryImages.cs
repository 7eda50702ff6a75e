using Workbench.Data;
using Workbench.Engine;

namespace Workbench.Reports;

/// <summary>
/// Images for galleries, decoded from their original files at a size a person can judge (96-128 px; the 32-px training
/// cache is too blurry to see a nucleus). Only the requested samples are decoded, and only they can be shown: a gallery
/// asking for any other sample fails (see <see cref="TileImages"/>) instead of showing a black tile.
/// </summary>
public static class GalleryImages
{
    /// <summary>Size used unless a call says otherwise.</summary>
    public const int DefaultSize = 112;

    /// <summary>
    /// <paramref name="ids"/> of <paramref name="data"/> decoded at <paramref name="size"/> px, looked up by sample id; a
    /// cancelled <paramref name="cancel"/> stops before the next file.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the data set.</exception>
    /// <exception cref="EngineException">A file cannot be decoded.</exception>
    public static TileImages Decode(DataSet data, IEnumerable<int> ids, int size = DefaultSize, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct().ToList();
        foreach (int id in wanted)
            if ((uint)id >= (uint)data.Count) throw new ArgumentOutOfRangeException(nameof(ids), id, $"sample ids are 0..{data.Count - 1}");
        var store = new ImageStore(wanted.Count, size);
        try
        {
            for (int slot = 0; slot < wanted.Count; slot++)
            {
                cancel.ThrowIfCancellationRequested();
                ImageDecoder.DecodeInto(data.FullPath(data.Samples[wanted[slot]]), size, store.WritableImage(slot));
            }
            return TileImages.Owning(store, wanted);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
