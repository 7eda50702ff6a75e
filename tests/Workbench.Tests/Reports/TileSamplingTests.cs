using Workbench.Reports;

namespace Workbench.Tests.Reports;

public sealed class TileSamplingTests
{
    // Right: 25 of class 0, 10 of 1, 4 of 2, 1 of 3, in class order (file order puts one class first).
    // Wrong, as (pred → true): 10 × (0 → 1), 3 × (1 → 2), 1 × (2 → 0).
    private static List<TileCandidate> Candidates()
    {
        var list = new List<TileCandidate>();
        int id = 0;
        foreach (var (label, count) in new[] { (0, 25), (1, 10), (2, 4), (3, 1) })
            for (int i = 0; i < count; i++) list.Add(new TileCandidate(id++, label, label, 0.9));
        foreach (var (pred, truth, count) in new[] { (0, 1, 10), (1, 2, 3), (2, 0, 1) })
            for (int i = 0; i < count; i++) list.Add(new TileCandidate(id++, pred, truth, 0.5));
        return list;
    }

    [Fact]
    public void Stratified_draws_cover_every_class_present_on_each_side()
    {
        var shown = TileSampling.Draw(Candidates(), 8, TileStrata.PredictedLabel, seed: 0);

        Assert.Equal([true, true, true, true, false, false, false, false], shown.Select(c => c.IsWrong));
        Assert.Equal([0, 1, 2, 3], shown.Where(c => !c.IsWrong).Select(c => c.Predicted).Order());
        // Largest stratum first, and it gets the tile left over once every class has one.
        Assert.Equal([0, 0, 1, 2], shown.Where(c => c.IsWrong).Select(c => c.Predicted));
        var byTruth = TileSampling.Draw(Candidates(), 8, TileStrata.TrueLabel, seed: 0);
        Assert.Equal([1, 1, 2, 0], byTruth.Where(c => c.IsWrong).Select(c => c.Truth!.Value));
        Assert.Equal(8, shown.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Confused_pair_draws_take_the_most_frequent_pair_first()
    {
        var candidates = Candidates();
        // Put the rarest pair first in the input: the order of the draw must not follow the input.
        candidates.Reverse();

        var two = TileSampling.Draw(candidates, 4, TileStrata.ConfusedPair, seed: 1);
        var four = TileSampling.Draw(candidates, 8, TileStrata.ConfusedPair, seed: 1);

        Assert.Equal([(0, 1), (1, 2)], two.Where(c => c.IsWrong).Select(c => (c.Predicted, c.Truth!.Value)));
        Assert.Equal([(0, 1), (0, 1), (1, 2), (2, 0)], four.Where(c => c.IsWrong).Select(c => (c.Predicted, c.Truth!.Value)));
        Assert.Equal("4 wrong (orange) by (pred → true) pair, most frequent first, + 4 right by pred label, seed 1",
            TileSampling.Describe(four, TileStrata.ConfusedPair, 1));
    }

    [Fact]
    public void The_draw_is_fixed_by_its_seed()
    {
        var candidates = Candidates();
        var first = TileSampling.Draw(candidates, 8, TileStrata.PredictedLabel, seed: 7).Select(c => c.Id).ToList();
        var again = TileSampling.Draw(candidates, 8, TileStrata.PredictedLabel, seed: 7).Select(c => c.Id).ToList();
        var others = Enumerable.Range(8, 4).Select(s => TileSampling.Draw(candidates, 8, TileStrata.PredictedLabel, s).Select(c => c.Id).ToList());

        Assert.Equal(first, again);
        Assert.Contains(others, o => !o.SequenceEqual(first));
        Assert.Equal("4 wrong (orange) + 4 right, stratified by pred label, seed 7",
            TileSampling.Describe(TileSampling.Draw(candidates, 8, TileStrata.PredictedLabel, 7), TileStrata.PredictedLabel, 7));
    }

    [Fact]
    public void A_short_side_leaves_its_tiles_to_the_other_and_nothing_is_drawn_twice()
    {
        var candidates = Candidates().Where(c => !c.IsWrong || c.Predicted == 2).ToList();   // one wrong

        var shown = TileSampling.Draw(candidates, 8, TileStrata.TrueLabel, seed: 0);

        Assert.Equal(8, shown.Count);
        Assert.Equal(1, shown.Count(c => c.IsWrong));
        Assert.Equal(8, shown.Select(c => c.Id).Distinct().Count());
        Assert.Equal(candidates.Count, TileSampling.Draw(candidates, 100, TileStrata.TrueLabel, seed: 0).Count);
        Assert.Empty(TileSampling.Draw([], 8, TileStrata.ConfusedPair, seed: 0));
    }
}
