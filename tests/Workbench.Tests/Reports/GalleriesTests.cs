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

    [Fact]
    public void Selection_tiles_carry_the_given_label_score_and_truth_with_wrong_ones_first_on_request()
    {
        using var images = Store(6);
        var scored = new PoolPredictions(1, [3, 4, 5], Predictions.FromRows([[0.9f, 0.1f], [0.2f, 0.8f], [0.6f, 0.4f]]), 3, TimeSpan.Zero);
        var pseudo = new SelectionResult([3, 4], [0.9, 0.8], [0, 1], "confident");
        int[] truth = [0, 0, 0, 0, 0, 1];

        var gallery = Galleries.ForSelection(images, pseudo, scored, truth, Names, "pseudo", "conf", wrongFirst: true);

        Assert.Equal(["b", "a"], gallery.Tiles.Select(t => t.Predicted));
        Assert.True(gallery.Tiles[0].IsWrong);
        Assert.Equal(0.8, gallery.Tiles[0].Score);
        Assert.Equal(new byte[12].Select(_ => (byte)40), gallery.Tiles[0].Rgb);
        var queries = Galleries.ForSelection(images, new SelectionResult([5], [0.2], null, "margin"), scored, truth, Names, maxTiles: 1);
        Assert.Equal(("a", "b"), (queries.Tiles[0].Predicted, queries.Tiles[0].TrueLabel));  // argmax of the scored row
        Assert.Throws<ArgumentException>(() => Galleries.ForSelection(images, new SelectionResult([0], [1.0], [0], "x"), scored, truth, Names));
    }

    [Fact]
    public void Mixed_galleries_show_wrong_and_right_together_and_count_both_in_the_title()
    {
        using var images = Store(6);
        AddedSample[] added = Enumerable.Range(0, 6).Select(i => new AddedSample(i, 0, Provenance.PseudoLabel, i < 2 ? 1 : 0, 0.99, 0)).ToArray();

        var gallery = Galleries.ForAdded(images, added, Names, title: "pseudo", maxTiles: 4, mixed: true);

        Assert.Equal("pseudo: 2 wrong of 6; shown: 2 wrong (orange), 2 right", gallery.Title);
        Assert.Equal([true, true, false, false], gallery.Tiles.Select(t => t.IsWrong));
        var allRight = Galleries.ForAdded(images, added.Skip(2).ToArray(), Names, maxTiles: 8, mixed: true);
        Assert.Equal("0 wrong of 4; shown: 0 wrong (orange), 4 right", allRight.Title);
    }

    [Fact]
    public void Gallery_images_decode_only_the_requested_samples_at_the_requested_size()
    {
        string folder = Path.Combine(Path.GetTempPath(), "wb-gallery-images-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "a"));
        try
        {
            var red = Enumerable.Range(0, 8 * 8).SelectMany(_ => new byte[] { 200, 10, 10 }).ToArray();
            File.WriteAllBytes(Path.Combine(folder, "a", "x.png"), Workbench.Display.PngEncoder.EncodeRgb(red, 8, 8));
            File.WriteAllBytes(Path.Combine(folder, "a", "y.png"), Workbench.Display.PngEncoder.EncodeRgb(red, 8, 8));
            var data = new DataSet("toy", folder, ["a"], ["a"],
                [new Sample(0, "a/x.png", 0, "a", null, 0), new Sample(1, "a/y.png", 0, "a", null, 1)]);

            using var store = GalleryImages.Decode(data, [1], size: 16);

            Assert.Equal((2, 16), (store.Count, store.Size));
            Assert.All(store.Image(0).ToArray(), b => Assert.Equal(0, b));
            Assert.InRange(store.Image(1)[0], 190, 210);
            Assert.Throws<ArgumentOutOfRangeException>(() => GalleryImages.Decode(data, [2], size: 16));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Added_tiles_show_the_proposed_label_so_corrections_are_marked()
    {
        using var images = Store(3);
        AddedSample[] added =
        [
            new(0, 1, Provenance.CstCorrected, 1, 0.99, 0),
            new(1, 1, Provenance.PseudoLabel, 1, 0.98, 1),
            new(2, 0, Provenance.ActiveLearning, 0, 0.05, null),
        ];

        var all = Galleries.ForAdded(images, added, Names, title: "added", maxTiles: 2);
        var al = Galleries.ForAdded(images, added, Names, Provenance.ActiveLearning);

        Assert.Equal("added (first 2 of 3)", all.Title);
        Assert.True(all.Tiles[0].IsWrong);   // the model proposed a, the truth is b
        Assert.False(all.Tiles[1].IsWrong);
        Assert.Equal("a", Assert.Single(al.Tiles).Predicted);
    }

    [Fact]
    public void Confused_pairs_and_source_groups_pick_the_right_images()
    {
        using var images = Store(4);
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
}
