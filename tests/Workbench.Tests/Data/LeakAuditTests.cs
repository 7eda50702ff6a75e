// LeakAuditTests.cs: tests (Workbench.Tests, data layer) of the near-copy leak audit, on synthetic
// smears with known cells and on the real BCCD TEST folders.
using Workbench.Data;

namespace Workbench.Tests.Data;

public class LeakAuditTests
{
    // Four cells (labels 0, 1, 0, 1), three augmented copies each; sample id = 3 * cell + copy.
    private static readonly Augmentation[] Copies = [new(), new(ShiftX: 4, Degrees: 10, FlipX: true), new(ShiftY: -5, Degrees: -20, FlipY: true)];

    // Copies under flips, which the hash queries: every two copies of a cell are near-copies.
    private static readonly Augmentation[] Symmetric = [new(), new(FlipX: true), new(FlipY: true)];

    private static ImageHashes Hashes(Func<int, int, (string Split, int Group)> place, Augmentation[]? copies = null)
    {
        copies ??= Copies;
        var items = new List<(SmearScene, Augmentation, int, string, int)>();
        for (int cell = 0; cell < 4; cell++)
        {
            var scene = SyntheticSmear.Random(40 + cell);
            for (int copy = 0; copy < copies.Length; copy++)
            {
                var (split, group) = place(cell, copy);
                items.Add((scene, copies[copy], cell % 2, split, group));
            }
        }
        var (data, images, sizes) = SyntheticSmear.Set(items);
        using (images)
            return ImageHashes.Compute(data, images, sizes);
    }

    private static int Id(int cell, int copy) => 3 * cell + copy;

    [Fact]
    public void ASplitThatKeepsEachCellOnOneSideHasNoNearCopies()
    {
        var hashes = Hashes((cell, _) => ("TRAIN", cell));
        var split = new Split([.. Enumerable.Range(0, 6)], [.. Enumerable.Range(6, 6)], "by-cell");
        var audit = LeakAudit.Run(hashes, split, seed: 7);
        Assert.Equal(("by-cell", 7, LeakAudit.DefaultThreshold, 6), (audit.SplitName, audit.Seed, audit.Threshold, audit.TestCount));
        Assert.Equal(0, audit.TestWithNearCopy);
        Assert.Empty(audit.Examples);
        Assert.Equal(6, audit.NearestDistanceCounts.Sum());
        Assert.Equal(CellHash.Bits + 1, audit.NearestDistanceCounts.Count);
    }

    [Fact]
    public void ASplitWithCopiesOnBothSidesCountsEveryTestImageAndPairsItWithItsCell()
    {
        var hashes = Hashes((cell, _) => ("TRAIN", cell));
        // Copy 0 of every cell is tested, copies 1 and 2 are trained on: the paper split's leak in miniature.
        var test = Enumerable.Range(0, 4).Select(c => Id(c, 0)).ToList();
        var train = Enumerable.Range(0, 12).Except(test).ToList();
        var audit = LeakAudit.Run(hashes, new Split(train, test, "leaky"), examples: 2);
        Assert.Equal(4, audit.TestWithNearCopy);
        Assert.Equal(1.0, audit.Fraction);
        Assert.Equal([2, 2], audit.NearCopiesPerClass);
        Assert.Equal(2, audit.Examples.Count);
        Assert.All(audit.Examples, p => Assert.Equal(p.TestId / 3, p.TrainId / 3));
        Assert.All(audit.Examples, p => Assert.Equal(hashes.Data.Samples[p.TestId].RelativePath, p.TestPath));
        Assert.All(audit.Examples, p => Assert.InRange(p.Distance, 0, LeakAudit.DefaultThreshold));
        // The threshold is inclusive: a pair at exactly the threshold counts, one bit less does not.
        var pair = audit.Examples[0];
        Assert.True(pair.Distance > 0, "an augmented copy should not hash identically");
        var single = new Split(train, [pair.TestId], "one");
        Assert.Equal(1, LeakAudit.Run(hashes, single, threshold: pair.Distance).TestWithNearCopy);
        Assert.Equal(0, LeakAudit.Run(hashes, single, threshold: pair.Distance - 1).TestWithNearCopy);
    }

    [Fact]
    public void SourceIndexCheckTellsANamingThatFollowsTheCellFromOneThatDoesNot()
    {
        // Named by cell (what the README assumed of BCCD's _k_): near-copies share the index.
        var byCell = LeakAudit.CheckSourceIndex(Hashes((cell, _) => ("TEST", cell)), "TEST");
        Assert.Equal(12, byCell.Images);
        Assert.Equal(12, byCell.WithNearCopy);
        Assert.Equal(12, byCell.SameSourceIndex);
        Assert.Equal(1.0, byCell.SameIndexRate);
        // Per class 6 images in groups of 3: another image shares the index with chance 2/5.
        Assert.Equal(0.4, byCell.ChanceRate, 6);

        // Named by position, as Keras numbers a shuffled batch (what BCCD's _k_ turned out to be).
        var byPosition = LeakAudit.CheckSourceIndex(Hashes((_, copy) => ("TEST", copy)), "TEST");
        Assert.Equal(12, byPosition.WithNearCopy);
        Assert.Equal(0, byPosition.SameSourceIndex);
        Assert.Contains("k is not the source cell", new LeakAuditReport("bccd", ["A", "B"], 12, 64, [], byPosition).ToText());
        Assert.Contains("k mostly names the source cell", new LeakAuditReport("bccd", ["A", "B"], 12, 64, [], byCell).ToText());
    }

    [Fact]
    public void ReportPrintsTheThresholdMethodAndPerSplitCounts()
    {
        var hashes = Hashes((cell, _) => ("TRAIN", cell));
        var leaky = LeakAudit.Run(hashes, new Split([1, 2, 4, 5, 7, 8, 10, 11], [0, 3, 6, 9], "paper"), seed: 0);
        var clean = LeakAudit.Run(hashes, new Split([0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11], "provided"));
        var report = new LeakAuditReport("bccd", ["EOSINOPHIL", "LYMPHOCYTE"], LeakAudit.DefaultThreshold, 64, [leaky, clean], null);
        var text = report.ToText();
        Assert.Contains($"threshold {LeakAudit.DefaultThreshold} of 128 bits", text);
        Assert.Contains("Hamming distance <= 12", text);
        Assert.Matches(@"paper\s+0\s+4\s+4\s+100\.0\s+2/2", text);
        Assert.Matches(@"provided\s+-\s+6\s+0\s+0\.0\s+0/0", text);
        Assert.Contains("| paper | 0 | 4 | 4 | 100.0 | 2/2 |", report.ToMarkdown());
        Assert.Equal(1.0, report.MeanFractionBySplit["paper"]);
    }

    [Fact]
    public void TheStratifiedAuditCountsNearCopiesAcrossTheSplitAndDistinctCellsInTest()
    {
        // Three copies of each of four cells, split 50/50 by class at random: what the audit counts follows from where the copies fall.
        var hashes = Hashes((cell, _) => ("TRAIN", cell), Symmetric);
        var report = LeakAudit.ForStratified(hashes, 64, [0, 1, 2]);
        Assert.Null(report.SourceIndex);
        Assert.Equal([0, 1, 2], report.Splits.Select(s => s.Seed!.Value));
        foreach (var audit in report.Splits)
        {
            var split = Splits.Stratified(hashes.Data, 0.5, audit.Seed!.Value);
            Assert.Equal(("stratified-0.5", 6), (audit.SplitName, audit.TestCount));
            var trainCells = split.TrainIds.Select(id => id / 3).ToHashSet();
            Assert.Equal(split.TestIds.Count(id => trainCells.Contains(id / 3)), audit.TestWithNearCopy);
            Assert.Equal(audit.TestWithNearCopy, audit.SameClassNearCopies);
            Assert.Equal(split.TestIds.Select(id => id / 3).Distinct().Count(), audit.TestCells);
        }
        Assert.Contains("distinct cells in test", report.ToMarkdown());
        // The BCCD report keeps its columns.
        Assert.DoesNotContain("distinct cells", LeakAudit.ForBccd(Hashes((cell, copy) => (copy == 0 ? "TEST" : "TRAIN", cell)), 64, [0]).ToText());
    }

    [Fact]
    public void RealBccdFileNameIndexDoesNotIdentifyTheCell()
    {
        // TEST (2,487 augmented images) and TEST_SIMPLE decoded at 32 px: small enough for a unit test.
        using var temp = new TempDirectory();
        var (images, hashes) = RealData.HashedBccdTestFolders(temp.Folder("cache"), 32);
        using var _ = images;
        var check = LeakAudit.CheckSourceIndex(hashes, "TEST");
        Assert.True(check.WithNearCopy > check.Images / 2, $"only {check.WithNearCopy} of {check.Images} TEST images have a near-copy");
        // If _k_ named the source cell nearly every near-copy would share it; it is at chance level.
        Assert.True(check.SameIndexRate < 2 * check.ChanceRate, $"{check.SameIndexRate:P1} share the index, chance {check.ChanceRate:P1}");

        // The two byte-identical TEST_SIMPLE pairs hash identically.
        int Id(string name) => images.Data.Samples.Single(s => s.RelativePath == "TEST_SIMPLE/EOSINOPHIL/" + name).Id;
        Assert.Equal(0, hashes.Distance(Id("_0_5239.jpeg"), Id("_4_8814.jpeg")));
        Assert.Equal(0, hashes.Distance(Id("_1_5031.jpeg"), Id("_6_7701.jpeg")));
    }
}
