using Workbench.Loop;

namespace Workbench.Tests.Loop;

public class LabelledSetTests
{
    [Fact]
    public void AddingAnIdTwiceThrowsAndKeepsTheFirstRecord()
    {
        var set = new LabelledSet(3);
        set.Add(5, 1, Provenance.Initial, 0, 1);
        var error = Assert.Throws<InvalidOperationException>(() => set.Add(5, 2, Provenance.PseudoLabel, 1, 1));
        Assert.Contains("already labelled", error.Message);
        Assert.Equal(1, set.Count);
        Assert.Equal(1, set[5].Label);
    }

    [Fact]
    public void RejectedIdsCannotBeLabelledAndLeaveThePool()
    {
        var set = new LabelledSet(3);
        set.Reject(7, 2);
        Assert.True(set.IsTaken(7));
        Assert.False(set.Contains(7));
        Assert.Throws<InvalidOperationException>(() => set.Add(7, 0, Provenance.ActiveLearning, 3));
        Assert.Throws<InvalidOperationException>(() => set.Reject(7, 3));
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(-1, 0)]
    public void LabelsOutsideTheClassesAreRefused(int label, int round)
    {
        var set = new LabelledSet(3);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => set.Add(1, label, Provenance.Initial, round));
        Assert.Equal("label", error.ParamName);
    }

    [Fact]
    public void ClassCapKeepsTheNewestAdditionsAndLosesNoRecord()
    {
        var set = new LabelledSet(2);
        set.Add(10, 0, Provenance.Initial, 0, 0);
        set.Add(11, 0, Provenance.Initial, 0, 0);
        set.Add(12, 1, Provenance.Initial, 0, 1);
        set.Add(20, 0, Provenance.PseudoLabel, 1, 1);
        set.Add(21, 0, Provenance.ActiveLearning, 1, 0);
        set.Add(30, 0, Provenance.CstConfirmed, 2, 0);

        var capped = set.TrainingSet(classCap: 3);
        // class 0 has 10, 11, 20, 21, 30: the three newest are 20, 21, 30; class 1 keeps its only sample.
        Assert.Equal([12, 20, 21, 30], capped.Ids);
        Assert.Equal([1, 0, 0, 0], capped.Labels);
        Assert.Equal([3, 1], capped.CountsByClass);

        var all = set.TrainingSet();
        Assert.Equal([10, 11, 12, 20, 21, 30], all.Ids);

        // The newest round is trained on whole even beyond the cap: 40, 41, 42 were just labelled and were never trained on.
        set.Add(40, 0, Provenance.ActiveLearning, 3, 0);
        set.Add(41, 0, Provenance.ActiveLearning, 3, 0);
        set.Add(42, 0, Provenance.ActiveLearning, 3, 0);
        set.Add(43, 0, Provenance.ActiveLearning, 3, 0);
        var newestWhole = set.TrainingSet(classCap: 3);
        Assert.Equal([12, 40, 41, 42, 43], newestWhole.Ids);
        Assert.Equal([4, 1], newestWhole.CountsByClass);
        set.Add(50, 0, Provenance.ActiveLearning, 4, 0);
        Assert.Equal([12, 41, 42, 43, 50], set.TrainingSet(classCap: 4).Ids);
        Assert.Equal(11, set.Count);
        Assert.Equal([10, 1], set.CountsByClass());
    }

    [Fact]
    public void CountsSplitByProvenanceAndClass()
    {
        var set = new LabelledSet(3);
        set.Add(0, 0, Provenance.Initial, 0);
        set.Add(1, 2, Provenance.Initial, 0);
        set.Add(2, 2, Provenance.PseudoLabel, 1, 1);
        set.Add(3, 1, Provenance.CstCorrected, 1, 1);
        set.Add(4, 1, Provenance.ActiveLearning, 2, 1);
        var counts = set.Counts();
        Assert.Equal([1, 0, 1], counts.Initial);
        Assert.Equal([0, 0, 1], counts.PseudoLabel);
        Assert.Equal([0, 1, 0], counts.CstCorrected);
        Assert.Equal([0, 1, 0], counts.ActiveLearning);
        Assert.Equal([0, 0, 0], counts.CstConfirmed);
        Assert.Equal([1, 2, 2], counts.ByClass);
        Assert.Equal(5, counts.Total);
        Assert.Equal(2, counts.TotalOf(Provenance.Initial));
    }

    [Fact]
    public void ClassWeightsAreNormalisedInverseFrequency()
    {
        // n = (10, 30, 0, 60): 1/n = (0.1, 0.0333, -, 0.01667), sum 0.15; times K = 3 present classes.
        var weights = ClassWeights.FromCounts([10, 30, 0, 60]);
        Assert.Equal(2.0, weights[0], 5);
        Assert.Equal(2.0 / 3, weights[1], 5);
        Assert.Equal(0.0, weights[2]);
        Assert.Equal(1.0 / 3, weights[3], 5);
        Assert.Equal(3.0, weights.Sum(), 5);
        Assert.Equal([1f, 1f], ClassWeights.FromCounts([7, 7]));
        Assert.Throws<ArgumentException>(() => ClassWeights.FromCounts([0, 0]));
        Assert.Throws<ArgumentException>(() => ClassWeights.FromCounts([3, -1]));
    }

    [Fact]
    public void RestoreRebuildsTheSameSetAndChecksInvariants()
    {
        var set = new LabelledSet(2);
        set.Add(1, 0, Provenance.Initial, 0, 0);
        set.Add(2, 1, Provenance.PseudoLabel, 1, 0);
        set.Reject(3, 1);
        var copy = LabelledSet.Restore(2, set.Samples, set.Rejected);
        Assert.Equal(set.Samples, copy.Samples);
        Assert.Equal(set.Rejected, copy.Rejected);
        Assert.Throws<InvalidOperationException>(() => LabelledSet.Restore(2, [.. set.Samples, set.Samples[0]], []));
    }
}
