using Workbench.Data;
using Workbench.Display;
using Workbench.Loop;
using Workbench.Selection;
using Workbench.Metrics;

namespace Workbench.Reports;

/// <summary>
/// Image galleries for the questions a notebook asks: what did a strategy choose (and which pseudo-labels are wrong),
/// what did a round add, which samples does the model get wrong, and which true class goes to which predicted class.
/// Tiles show the predicted class, a score and the true label; a wrong tile is marked. Galleries of a selection or of a
/// round's additions are planned first (<see cref="GalleryPlan"/>: the tiles drawn once, stratified and seeded), so only
/// the tiles shown are decoded; every gallery refuses a tile whose image was not decoded.
/// </summary>
public static class Galleries
{
    /// <summary>Tiles shown unless a call says otherwise.</summary>
    public const int DefaultMaxTiles = 24;

    /// <summary>
    /// The tiles to show of <paramref name="selection"/> (pseudo-labels, CST proposals or active-learning queries), chosen
    /// now by <see cref="TileSampling"/> (wrong and right side by side, stratified by <paramref name="strata"/>, seeded by
    /// <paramref name="seed"/>): the label it gives (its own for pseudo-labels, else the model's argmax in
    /// <paramref name="scored"/>), the score behind the choice and the true label. Decode the plan's ids, then render it.
    /// </summary>
    /// <exception cref="ArgumentException">A chosen id was not among the scored candidates, or a label has no class name.</exception>
    public static GalleryPlan ForSelection(SelectionResult selection, PoolPredictions scored, IReadOnlyList<int> truth, IReadOnlyList<string> classNames,
        TileStrata strata, int seed = 0, string title = "", string scoreName = "score", int maxTiles = DefaultMaxTiles, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(classNames);
        var rowOf = new Dictionary<int, int>();
        for (int row = 0; row < scored.Ids.Count; row++) rowOf[scored.Ids[row]] = row;
        var candidates = new List<TileCandidate>(selection.Count);
        for (int k = 0; k < selection.Count; k++)
        {
            int id = selection.Ids[k];
            if (!rowOf.TryGetValue(id, out int row)) throw new ArgumentException($"sample {id} was chosen but is not among the scored candidates", nameof(selection));
            if ((uint)id >= (uint)truth.Count) throw new ArgumentException($"sample {id} has no true label (there are {truth.Count})", nameof(truth));
            candidates.Add(new TileCandidate(id, selection.Labels?[k] ?? scored.Predictions.ArgMax(row), truth[id], selection.Scores[k]));
        }
        return Plan(candidates, classNames, strata, seed, title, scoreName, maxTiles, columns);
    }

    /// <summary>
    /// The tiles to show of the samples a round added (optionally only one <paramref name="provenance"/>), chosen now as in
    /// <see cref="ForSelection"/>: the label proposed by the model when there was one (pseudo-labels, CST), else the label
    /// given, with the score that chose it and the true label, so wrong pseudo-labels and corrected CST proposals are
    /// marked. <see cref="TileStrata.ConfusedPair"/> spreads the corrections over their (proposed → corrected) pairs.
    /// </summary>
    public static GalleryPlan ForAdded(IReadOnlyList<AddedSample> added, IReadOnlyList<string> classNames, TileStrata strata, int seed = 0,
        Provenance? provenance = null, string title = "", string scoreName = "score", int maxTiles = DefaultMaxTiles, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(classNames);
        var candidates = added.Where(a => provenance is null || a.Provenance == provenance)
            .Select(a => new TileCandidate(a.Id, a.ProposedLabel ?? a.Label, a.TrueLabel, a.Score)).ToList();
        return Plan(candidates, classNames, strata, seed, title, scoreName, maxTiles, columns);
    }

    /// <summary>
    /// The tiles to show of a model's predictions <paramref name="rows"/> (e.g. the test images of one class, or one
    /// confused pair), chosen now as in <see cref="ForSelection"/>: the predicted class, the model's confidence and the
    /// true label, wrong and right side by side, stratified by <paramref name="strata"/> and seeded, so a large group is
    /// shown by a draw across it rather than by its most confident members only.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside the predictions.</exception>
    public static GalleryPlan ForPredictions(SamplePredictions predictions, IEnumerable<int> rows, IReadOnlyList<string> classNames, TileStrata strata,
        int seed = 0, string title = "", int maxTiles = 16, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(classNames);
        var candidates = rows.Select(r => (uint)r < (uint)predictions.Count
                ? new TileCandidate(predictions.Ids[r], predictions.Predicted[r], predictions.Truth[r], predictions.Confidence(r))
                : throw new ArgumentOutOfRangeException(nameof(rows), r, $"rows are 0..{predictions.Count - 1}"))
            .ToList();
        return Plan(candidates, classNames, strata, seed, title, "conf", maxTiles, columns);
    }

    /// <summary>Samples predicted wrong, most confident first, with their confidence and true label.</summary>
    public static ImageGallery Wrong(TileImages images, SamplePredictions predictions, IReadOnlyList<string> classNames,
        string title = "Wrong predictions, most confident first", int maxTiles = DefaultMaxTiles, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return FromRows(images, predictions, classNames, predictions.WrongRows(), title, maxTiles, columns);
    }

    /// <summary>
    /// Samples of true class <paramref name="trueClass"/>, wrong and right side by side (up to half wrong), most confident
    /// first within each, titled with how many of the class are wrong: what the model gets right and wrong about one class.
    /// </summary>
    public static ImageGallery OfClass(TileImages images, SamplePredictions predictions, IReadOnlyList<string> classNames, int trueClass,
        int maxTiles = 16, string? title = null, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(classNames);
        var rows = Enumerable.Range(0, predictions.Count).Where(r => predictions.Truth[r] == trueClass)
            .OrderByDescending(predictions.Confidence).ThenBy(r => r).ToList();
        var tiles = Mix(rows, r => predictions.Predicted[r] != trueClass, maxTiles).Select(r => Tile(images, predictions.Ids[r],
            Name(classNames, predictions.Predicted[r]), predictions.Confidence(r), Name(classNames, predictions.Truth[r]))).ToList();
        return new ImageGallery(tiles, MixedTitle(title ?? $"Test images of {Name(classNames, trueClass)}", tiles,
            rows.Count(r => predictions.Predicted[r] != trueClass), rows.Count), columns, scoreName: "conf");
    }

    /// <summary>
    /// Samples of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/> (e.g.
    /// metamyelocyte → band neutrophil), most confident first.
    /// </summary>
    public static ImageGallery ConfusedPairs(TileImages images, SamplePredictions predictions, IReadOnlyList<string> classNames,
        int trueClass, int predictedClass, int maxTiles = 16, string? title = null, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(classNames);
        var rows = predictions.Rows(trueClass, predictedClass);
        title ??= $"{Name(classNames, trueClass)} predicted as {Name(classNames, predictedClass)}";
        return FromRows(images, predictions, classNames, rows, title, maxTiles, columns);
    }

    /// <summary><see cref="ConfusedPairs(TileImages, SamplePredictions, IReadOnlyList{string}, int, int, int, string?, int)"/> by class name (case-insensitive).</summary>
    public static ImageGallery ConfusedPairs(TileImages images, SamplePredictions predictions, IReadOnlyList<string> classNames,
        string trueClass, string predictedClass, int maxTiles = 16, string? title = null, int columns = 8)
    {
        var indices = ConfusionAnalysis.IndicesOf(classNames, [trueClass, predictedClass]);
        return ConfusedPairs(images, predictions, classNames, indices[0], indices[1], maxTiles, title, columns);
    }

    /// <summary>
    /// The images made from one source cell side by side, captioned with their file name and, when a split is given,
    /// the side they fell on; test-side copies are highlighted (those are the leaked ones).
    /// </summary>
    public static ImageGallery SourceGroup(TileImages images, DataSet data, int sourceGroup, Split? split = null, int maxTiles = 16,
        string? title = null, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTiles);
        var members = SourceGroups.Members(data, sourceGroup);
        var test = split?.TestIds.ToHashSet();
        var train = split?.TrainIds.ToHashSet();
        // Alternate sides when a split is given, so a short gallery shows both.
        var ordered = test is null ? members : Interleave(members.Where(train!.Contains).ToList(), members.Where(test.Contains).ToList());
        var tiles = ordered.Take(maxTiles).Select(id =>
        {
            var sample = data.SampleAt(id);
            var caption = new List<string> { Path.GetFileName(sample.RelativePath) };
            if (test is not null) caption.Add(test.Contains(id) ? $"{split!.Name}: TEST" : train!.Contains(id) ? $"{split!.Name}: train" : $"{split!.Name}: unused");
            return GalleryTile.Captioned(images.Image(id).ToArray(), images.Size, caption, test?.Contains(id) ?? false);
        }).ToList();
        var first = data.SampleAt(members[0]);
        title ??= $"{members.Count} augmented copies of one {first.ClassName} cell (source group {sourceGroup})";
        return new ImageGallery(tiles, title, columns);
    }

    private static ImageGallery FromRows(TileImages images, SamplePredictions predictions, IReadOnlyList<string> classNames,
        IReadOnlyList<int> rows, string title, int maxTiles, int columns)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTiles);
        var tiles = rows.Take(maxTiles).Select(r => Tile(images, predictions.Ids[r], Name(classNames, predictions.Predicted[r]),
            predictions.Confidence(r), Name(classNames, predictions.Truth[r]))).ToList();
        return new ImageGallery(tiles, Title(title, tiles.Count, rows.Count), columns, scoreName: "conf");
    }

    /// <summary>Wrong and right side by side: up to half the tiles wrong (more when too few are right), each in the given order.</summary>
    private static List<T> Mix<T>(IReadOnlyList<T> items, Func<T, bool> isWrong, int maxTiles)
    {
        var wrong = items.Where(isWrong).ToList();
        var right = items.Where(i => !isWrong(i)).ToList();
        var (wrongShown, rightShown) = TileSampling.Quota(wrong.Count, right.Count, maxTiles);
        return [.. wrong.Take(wrongShown), .. right.Take(rightShown)];
    }

    private static GalleryPlan Plan(IReadOnlyList<TileCandidate> candidates, IReadOnlyList<string> classNames, TileStrata strata, int seed,
        string title, string scoreName, int maxTiles, int columns)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTiles);
        var shown = TileSampling.Draw(candidates, maxTiles, strata, seed);
        string counts = $"{candidates.Count(c => c.IsWrong)} wrong of {candidates.Count}; shown: {TileSampling.Describe(shown, strata, seed)}";
        return new GalleryPlan(shown, classNames, title.Length == 0 ? counts : $"{title}: {counts}", scoreName, columns);
    }

    private static string MixedTitle(string title, IReadOnlyList<GalleryTile> tiles, int wrong, int total)
    {
        int wrongShown = tiles.Count(t => t.IsWrong);
        string counts = $"{wrong} wrong of {total}; shown: {wrongShown} wrong (orange), {tiles.Count - wrongShown} right";
        return title.Length == 0 ? counts : $"{title}: {counts}";
    }

    private static GalleryTile Tile(TileImages images, int id, string predicted, double score, string? truth) =>
        new(images.Image(id).ToArray(), images.Size, predicted, score, truth);

    /// <summary>The name of class <paramref name="label"/>; a label without one is a one-line error.</summary>
    internal static string Name(IReadOnlyList<string> classNames, int label) =>
        (uint)label < (uint)classNames.Count ? classNames[label] : throw new ArgumentException($"label {label} has no class name (there are {classNames.Count})", nameof(classNames));

    private static string Title(string title, int shown, int total) =>
        title.Length == 0 || shown == total ? title : $"{title} (first {shown} of {total})";

    private static List<int> Interleave(List<int> first, List<int> second)
    {
        var result = new List<int>(first.Count + second.Count);
        for (int i = 0; i < Math.Max(first.Count, second.Count); i++)
        {
            if (i < first.Count) result.Add(first[i]);
            if (i < second.Count) result.Add(second[i]);
        }
        return result;
    }
}
