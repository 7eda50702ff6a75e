using Workbench.Data;

namespace Workbench.Reports;

/// <summary>
/// Images a gallery draws its tiles from, looked up by sample id. Made either by <see cref="GalleryImages.Decode"/>
/// (only the requested samples, at a size a person can judge) or from a store whose every image is filled, such as the
/// training cache (<see cref="Of"/>). Asking for a sample that was not decoded throws: a gallery must decode exactly the
/// tiles it shows (<see cref="GalleryPlan.Ids"/>), and a missing image is a bug to report, not a black square to show.
/// </summary>
public sealed class TileImages : IDisposable
{
    private readonly ImageStore _store;
    private readonly IReadOnlyDictionary<int, int>? _slotOf;
    private readonly bool _ownsStore;

    private TileImages(ImageStore store, IReadOnlyDictionary<int, int>? slotOf, bool ownsStore)
    {
        _store = store;
        _slotOf = slotOf;
        _ownsStore = ownsStore;
    }

    /// <summary>Every image of <paramref name="store"/>, indexed by sample id (the store stays the caller's to dispose).</summary>
    public static TileImages Of(ImageStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new TileImages(store, null, ownsStore: false);
    }

    /// <summary>Takes <paramref name="store"/> (slot i holds sample <paramref name="ids"/>[i]) and disposes it with this.</summary>
    internal static TileImages Owning(ImageStore store, IReadOnlyList<int> ids)
    {
        var slotOf = new Dictionary<int, int>(ids.Count);
        for (int slot = 0; slot < ids.Count; slot++) slotOf.Add(ids[slot], slot);
        return new TileImages(store, slotOf, ownsStore: true);
    }

    /// <summary>Side length of every image in pixels.</summary>
    public int Size => _store.Size;

    /// <summary>How many samples have an image.</summary>
    public int Count => _slotOf?.Count ?? _store.Count;

    /// <summary>Whether sample <paramref name="id"/> has an image here.</summary>
    public bool Contains(int id) => _slotOf is null ? (uint)id < (uint)_store.Count : _slotOf.ContainsKey(id);

    /// <summary>Pixels of sample <paramref name="id"/> (RGB, HWC).</summary>
    /// <exception cref="InvalidOperationException">The sample has no image here (it was not decoded).</exception>
    public ReadOnlySpan<byte> Image(int id)
    {
        if (_slotOf is null)
            return (uint)id < (uint)_store.Count ? _store.Image(id)
                : throw new InvalidOperationException($"sample {id} has no image: the store holds samples 0..{_store.Count - 1}");
        return _slotOf.TryGetValue(id, out int slot) ? _store.Image(slot)
            : throw new InvalidOperationException($"sample {id} was not decoded ({Count} samples were): decode exactly the tiles the gallery shows (GalleryPlan.Ids)");
    }

    /// <summary>Frees the decoded images (a store passed to <see cref="Of"/> stays with its owner).</summary>
    public void Dispose()
    {
        if (_ownsStore) _store.Dispose();
    }
}
