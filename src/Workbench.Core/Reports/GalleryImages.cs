// Reports layer: a few images decoded from their original files at a size a person can judge, for galleries.
using Workbench.Data;
using Workbench.Engine;

namespace Workbench.Reports;

/// <summary>
/// Images for galleries, decoded from their original files at a size a person can judge (96-128 px; the 32-px training
/// cache is too blurry to see a nucleus). Only the requested samples are decoded; the store is indexed by sample id
/// like the training cache, so every gallery accepts it, and the others stay black.
/// </summary>
public static class GalleryImages
{
    /// <summary>Size used unless a call says otherwise.</summary>
    public const int DefaultSize = 112;

    /// <summary>
    /// A store of <paramref name="data"/>'s size holding <paramref name="ids"/> decoded at <paramref name="size"/> px; a cancelled
    /// <paramref name="cancel"/> stops before the next file.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the data set.</exception>
    /// <exception cref="EngineException">A file cannot be decoded.</exception>
    public static ImageStore Decode(DataSet data, IEnumerable<int> ids, int size = DefaultSize, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(ids);
        var store = new ImageStore(data.Count, size);
        try
        {
            foreach (int id in ids.Distinct())
            {
                cancel.ThrowIfCancellationRequested();
                if ((uint)id >= (uint)data.Count) throw new ArgumentOutOfRangeException(nameof(ids), id, $"sample ids are 0..{data.Count - 1}");
                ImageDecoder.DecodeInto(data.FullPath(data.Samples[id]), size, store.WritableImage(id));
            }
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
