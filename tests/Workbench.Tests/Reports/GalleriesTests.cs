using Workbench.Data;
using Workbench.Loop;
using Workbench.Reports;
using Workbench.Selection;
using Workbench.Engine;

namespace Workbench.Tests.Reports;

public sealed class GalleriesTests
{
    private static readonly string[] Names = ["a", "b"];

    private static ImageStore Store(int count)
    {
        var store = new ImageStore(count, 2);
        for (int i = 0; i < count; i++) store.WritableImage(i).Fill((byte)(10 * i));
        return store;
    }

    /// <summary>A folder of <paramref name="count"/> 8-px PNGs of class a; sample i is filled with the value 20 i + 10.</summary>
    private static string ToyFolder(int count, out DataSet data)
    {
        string folder = Path.Combine(Path.GetTempPath(), "wb-gallery-images-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "a"));
        for (int i = 0; i < count; i++)
            File.WriteAllBytes(Path.Combine(folder, "a", $"{i}.png"), Workbench.Display.PngEncoder.EncodeRgb(Enumerable.Repeat((byte)(20 * i + 10), 8 * 8 * 3).ToArray(), 8, 8));
        data = new DataSet("toy", folder, ["a"], ["a"], Enumerable.Range(0, count).Select(i => new Sample(i, $"a/{i}.png", 0, "a", null, i)).ToArray());
        return folder;
    }

    [Fact]
    public void Selection_plans_carry_the_given_label_score_and_truth_with_wrong_ones_first()
    {
        using var store = Store(6);
        using var images = TileImages.Of(store);
        var scored = new PoolPredictions(1, [3, 4, 5], Predictions.FromRows([[0.9f, 0.1f], [0.2f, 0.8f], [0.6f, 0.4f]]), 3, TimeSpan.Zero);
        var pseudo = new SelectionResult([3, 4], [0.9, 0.8], [0, 1], "confident");
        int[] truth = [0, 0, 0, 0, 0, 1];

        var gallery = Galleries.ForSelection(pseudo, scored, truth, Names, TileStrata.PredictedLabel, title: "pseudo", scoreName: "conf").Render(images);

        Assert.Equal(["b", "a"], gallery.Tiles.Select(t => t.Predicted));
        Assert.True(gallery.Tiles[0].IsWrong);
        Assert.Equal(0.8, gallery.Tiles[0].Score);
        Assert.Equal(new byte[12].Select(_ => (byte)40), gallery.Tiles[0].Rgb);
        Assert.Equal("pseudo: 1 wrong of 2; shown: 1 wrong (orange) + 1 right, stratified by pred label, seed 0", gallery.Title);
        var queries = Galleries.ForSelection(new SelectionResult([5], [0.2], null, "margin"), scored, truth, Names, TileStrata.TrueLabel, maxTiles: 1)
            .Render(images);
        Assert.Equal(("a", "b"), (queries.Tiles[0].Predicted, queries.Tiles[0].TrueLabel));  // argmax of the scored row
        Assert.Throws<ArgumentException>(() => Galleries.ForSelection(new SelectionResult([0], [1.0], [0], "x"), scored, truth, Names, TileStrata.TrueLabel));
    }

    [Fact]
    public void Mixed_galleries_show_wrong_and_right_together_and_say_how_they_were_drawn()
    {
        using var store = Store(6);
        using var images = TileImages.Of(store);
        AddedSample[] added = Enumerable.Range(0, 6).Select(i => new AddedSample(i, 0, Provenance.PseudoLabel, i < 2 ? 1 : 0, 0.99, 0)).ToArray();

        var gallery = Galleries.ForAdded(added, Names, TileStrata.PredictedLabel, seed: 3, title: "pseudo", maxTiles: 4).Render(images);

        Assert.Equal("pseudo: 2 wrong of 6; shown: 2 wrong (orange) + 2 right, stratified by pred label, seed 3", gallery.Title);
        Assert.Equal([true, true, false, false], gallery.Tiles.Select(t => t.IsWrong));
        var allRight = Galleries.ForAdded(added.Skip(2).ToArray(), Names, TileStrata.TrueLabel, maxTiles: 8).Render(images);
        Assert.Equal("0 wrong of 4; shown: 0 wrong (orange) + 4 right, stratified by true label, seed 0", allRight.Title);
    }

    [Fact]
    public void Gallery_images_decode_only_the_requested_samples_and_refuse_the_others()
    {
        string folder = ToyFolder(2, out var data);
        try
        {
            using var decoded = GalleryImages.Decode(data, [1], size: 16);

            Assert.Equal((1, 16), (decoded.Count, decoded.Size));
            Assert.InRange(decoded.Image(1)[0], 28, 32);
            // An undecoded sample used to come back black; it is an error now.
            var error = Assert.Throws<InvalidOperationException>(() => decoded.Image(0).ToArray());
            Assert.Contains("sample 0 was not decoded", error.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => GalleryImages.Decode(data, [2], size: 16));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_planned_gallery_shows_exactly_the_decoded_tiles_and_refuses_to_render_an_undecoded_one()
    {
        string folder = ToyFolder(12, out var data);
        try
        {
            // 12 queries, the model wrong on every third: the tiles come from all of them, not from the first few.
            var scored = new PoolPredictions(1, Enumerable.Range(0, 12).ToArray(),
                Predictions.FromRows(Enumerable.Range(0, 12).Select(i => new[] { 0.9f, 0.1f }).ToArray()), 12, TimeSpan.Zero);
            var queries = new SelectionResult(Enumerable.Range(0, 12).ToArray(), Enumerable.Repeat(0.1, 12).ToArray(), null, "margin");
            int[] truth = Enumerable.Range(0, 12).Select(i => i % 3 == 2 ? 1 : 0).ToArray();
            var plan = Galleries.ForSelection(queries, scored, truth, Names, TileStrata.TrueLabel, maxTiles: 6);

            using (var decoded = GalleryImages.Decode(data, plan.Ids, size: 8))
            {
                var gallery = plan.Render(decoded);
                Assert.Equal(plan.Ids, gallery.Tiles.Select(t => (int)t.Rgb[0] / 20));   // each tile is its own sample's image
                Assert.Equal(3, gallery.Tiles.Count(t => t.IsWrong));
                Assert.All(gallery.Tiles, t => Assert.Contains(t.Rgb, b => b != 0));
            }
            // What the notebook did: decode the first queries, then let the gallery pick among all of them.
            using var firstOnly = GalleryImages.Decode(data, queries.Ids.Take(6), size: 8);
            var error = Assert.Throws<InvalidOperationException>(() => plan.Render(firstOnly));
            Assert.Contains("have no image", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Added_tiles_show_the_proposed_label_so_corrections_are_marked()
    {
        using var store = Store(3);
        using var images = TileImages.Of(store);
        AddedSample[] added =
        [
            new(0, 1, Provenance.CstCorrected, 1, 0.99, 0),
            new(1, 1, Provenance.PseudoLabel, 1, 0.98, 1),
            new(2, 0, Provenance.ActiveLearning, 0, 0.05, null),
        ];

        var all = Galleries.ForAdded(added, Names, TileStrata.ConfusedPair, title: "added", maxTiles: 2).Render(images);
        var al = Galleries.ForAdded(added, Names, TileStrata.TrueLabel, provenance: Provenance.ActiveLearning).Render(images);

        Assert.StartsWith("added: 1 wrong of 3; shown: 1 wrong (orange) by (pred → true) pair", all.Title);
        Assert.True(all.Tiles[0].IsWrong);   // the model proposed a, the truth is b
        Assert.Equal(("a", "b"), (all.Tiles[0].Predicted, all.Tiles[0].TrueLabel));
        Assert.False(all.Tiles[1].IsWrong);
        Assert.Equal("a", Assert.Single(al.Tiles).Predicted);
    }

    [Fact]
    public void Confused_pairs_and_source_groups_pick_the_right_images()
    {
        using var store = Store(4);
        using var images = TileImages.Of(store);
        var predictions = new SamplePredictions([0, 1, 2, 3], [0, 0, 1, 1], Predictions.FromRows(
            [[0.3f, 0.7f], [0.1f, 0.9f], [0.2f, 0.8f], [0.6f, 0.4f]]));
        var pairs = Galleries.ConfusedPairs(images, predictions, Names, "A", "b");

        Assert.Equal("a predicted as b", pairs.Title);
        var ofA = Galleries.OfClass(images, predictions, Names, 0);
        Assert.Equal("Test images of a: 2 wrong of 2; shown: 2 wrong (orange), 0 right", ofA.Title);
        var ofB = Galleries.OfClass(images, predictions, Names, 1, maxTiles: 2);
        Assert.Equal([true, false], ofB.Tiles.Select(t => t.IsWrong));   // row 3 (a, wrong) and row 2 (b, right)
        Assert.Equal([0.9, 0.7], pairs.Tiles.Select(t => Math.Round(t.Score, 6)));

        var samples = Enumerable.Range(0, 4).Select(id => new Sample(id, $"a/_{id / 3}_{id}.png", 0, "a", null, id / 3)).ToArray();
        var data = new DataSet("toy", "/toy", ["a"], ["a"], samples);
        var group = Galleries.SourceGroup(images, data, 0, new Split([0, 3], [1, 2], "paper"));
        Assert.Equal(3, group.Tiles.Count);
        Assert.Equal(["_0_0.png", "paper: train"], group.Caption(group.Tiles[0]));
        Assert.Equal(2, group.Tiles.Count(i => i.Highlighted));
        Assert.Equal(0, group.Tiles.Count(i => i.IsWrong));
        string svg = group.ToSvg();
        Assert.Contains("paper: train", svg);
        Assert.DoesNotContain("pred:", svg);
        Assert.Contains("2 highlighted", group.ToString());
    }

    [Fact]
    public void Prediction_plans_draw_across_the_rows_given_and_show_the_models_input_beside_each_tile()
    {
        using var store = Store(6);
        using var images = TileImages.Of(store);
        using var inputStore = new ImageStore(6, 1);
        for (int i = 0; i < 6; i++) inputStore.WritableImage(i).Fill((byte)(200 + i));
        using var inputs = TileImages.Of(inputStore);
        // Rows 0-3 are class a: rows 0-2 predicted b (wrong), row 3 right; rows 4-5 are class b.
        var predictions = new SamplePredictions([0, 1, 2, 3, 4, 5], [0, 0, 0, 0, 1, 1], Predictions.FromRows(
            [[0.3f, 0.7f], [0.1f, 0.9f], [0.2f, 0.8f], [0.6f, 0.4f], [0.3f, 0.7f], [0.2f, 0.8f]]));

        var plan = Galleries.ForPredictions(predictions, [0, 1, 2, 3], Names, TileStrata.ConfusedPair, seed: 1, title: "a", maxTiles: 2);
        var gallery = plan.Render(images, inputs);

        Assert.Equal(2, plan.Tiles.Count);
        Assert.Equal([true, false], plan.Tiles.Select(t => t.IsWrong));
        Assert.Equal(3, plan.Tiles[1].Id);
        Assert.All(plan.Tiles, t => Assert.InRange(t.Id, 0, 3));
        Assert.StartsWith("a: 3 wrong of 4; shown: 1 wrong (orange) by (pred → true) pair", plan.Title);
        Assert.Equal((byte)(200 + plan.Tiles[0].Id), gallery.Tiles[0].InputRgb![0]);
        Assert.Equal(1, gallery.Tiles[0].InputSize);
        Assert.True(gallery.ShowsInputs);
        Assert.Equal(4, gallery.Columns);   // half the 8 columns: each tile is two images wide
        Assert.Contains("the model&#39;s input (1 px", gallery.ToHtml());
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(gallery.ToSvg(), "<image ").Count);
        Assert.Equal(plan.Ids, Galleries.ForPredictions(predictions, [0, 1, 2, 3], Names, TileStrata.ConfusedPair, seed: 1, title: "a", maxTiles: 2).Ids);
        Assert.Throws<ArgumentOutOfRangeException>(() => Galleries.ForPredictions(predictions, [6], Names, TileStrata.TrueLabel));
        using var one = new ImageStore(1, 1);
        using var partial = TileImages.Of(one);
        Assert.Contains("model input", Assert.Throws<InvalidOperationException>(() => plan.Render(images, partial)).Message);
    }
}
