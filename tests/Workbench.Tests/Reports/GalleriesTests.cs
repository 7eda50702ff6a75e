using Workbench.Data;
using Workbench.Loop;
using Workbench.Reports;
using Workbench.Scoring;
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
