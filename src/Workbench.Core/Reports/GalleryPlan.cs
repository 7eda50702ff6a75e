using Workbench.Display;

namespace Workbench.Reports;

/// <summary>
/// The tiles a gallery will show, chosen once (by <see cref="TileSampling"/>) before any image exists: decode
/// <see cref="Ids"/>, then <see cref="Render"/> the gallery from those images. Nothing is chosen again at render time, so
/// the tiles shown are the tiles decoded, and a missing image is an error (see <see cref="TileImages"/>).
/// </summary>
public sealed class GalleryPlan
{
    private readonly IReadOnlyList<string> _classNames;

    internal GalleryPlan(IReadOnlyList<TileCandidate> tiles, IReadOnlyList<string> classNames, string title, string scoreName, int columns)
    {
        foreach (var tile in tiles)
        {
            Galleries.Name(classNames, tile.Predicted);
            if (tile.Truth is int truth) Galleries.Name(classNames, truth);
        }
        Tiles = tiles;
        _classNames = classNames;
        Title = title;
        ScoreName = scoreName;
        Columns = columns;
    }

    /// <summary>The tiles, in display order.</summary>
    public IReadOnlyList<TileCandidate> Tiles { get; }

    /// <summary>The sample ids to decode: exactly the tiles shown.</summary>
    public IReadOnlyList<int> Ids => Tiles.Select(t => t.Id).ToList();

    /// <summary>The gallery's title, with what was shown of what and how the tiles were drawn.</summary>
    public string Title { get; }

    /// <summary>The label of the score in captions ("conf", "margin").</summary>
    public string ScoreName { get; }

    /// <summary>Tiles per row.</summary>
    public int Columns { get; }

    /// <summary>
    /// The gallery, each tile's image taken from <paramref name="images"/> and, when <paramref name="inputs"/> is given
    /// (e.g. <see cref="TileImages.Of"/> the training cache), the model's input beside it; with inputs a row holds half as
    /// many tiles, so the gallery keeps its width.
    /// </summary>
    /// <exception cref="InvalidOperationException">A tile's sample has no image in <paramref name="images"/> (or in <paramref name="inputs"/>).</exception>
    public ImageGallery Render(TileImages images, TileImages? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckAll(images, "image");
        if (inputs is not null) CheckAll(inputs, "model input");
        var tiles = Tiles.Select(t =>
        {
            var tile = new GalleryTile(images.Image(t.Id).ToArray(), images.Size, _classNames[t.Predicted], t.Score, t.Truth is int truth ? _classNames[truth] : null);
            return inputs is null ? tile : tile.WithInput(inputs.Image(t.Id).ToArray(), inputs.Size);
        }).ToList();
        return new ImageGallery(tiles, Title, inputs is null ? Columns : Math.Max(1, Columns / 2), scoreName: ScoreName);
    }

    private void CheckAll(TileImages images, string what)
    {
        var missing = Tiles.Where(t => !images.Contains(t.Id)).Select(t => t.Id).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"{missing.Count} of the {Tiles.Count} tiles have no {what} (samples {string.Join(", ", missing.Take(5))}" +
                $"{(missing.Count > 5 ? ", …" : "")}): decode exactly the plan's Ids before rendering");
    }
}
