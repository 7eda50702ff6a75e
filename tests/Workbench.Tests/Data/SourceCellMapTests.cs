// SourceCellMapTests.cs: tests (data layer) of the source-cell map of BCCD TEST, on synthetic smears with known cells
// and on the real TEST / TEST_SIMPLE folders.
using Workbench.Data;

namespace Workbench.Tests.Data;

public class SourceCellMapTests
{
    private static readonly Augmentation[] Copies =
        [new(ShiftX: 4, Degrees: 10, FlipX: true), new(ShiftY: -5, Degrees: -20, FlipY: true), new(ShiftX: -3, Degrees: 20)];

    [Fact]
    public void EachAugmentedCopyGoesToItsOriginalAndDuplicateOriginalsAreOneCell()
    {
        // Four cells (labels 0, 1, 0, 1); TEST_SIMPLE holds each original once and cell 0's twice (as BCCD files two
        // eosinophils twice). TEST copy c of cell k is named _k_ for c = 0 (the file-name rule holds) and _9_ otherwise.
        var items = new List<(SmearScene, Augmentation, int, string, int)>();
        var scenes = Enumerable.Range(0, 4).Select(k => SyntheticSmear.Random(60 + k)).ToArray();
        for (int k = 0; k < 4; k++)
            items.Add((scenes[k], new Augmentation(), k % 2, "TEST_SIMPLE", k));
        items.Add((scenes[0], new Augmentation(), 0, "TEST_SIMPLE", 4));
        for (int k = 0; k < 4; k++)
            for (int c = 0; c < Copies.Length; c++)
                items.Add((scenes[k], Copies[c], k % 2, "TEST", c == 0 ? k : 9));
        var (data, images, sizes) = SyntheticSmear.Set(items);
        ImageHashes hashes;
        using (images)
            hashes = ImageHashes.Compute(data, images, sizes);

        var map = SourceCellMap.Build(hashes);
        Assert.Equal(4, map.Cells.Count);
        Assert.Equal([data.Samples[4].RelativePath], map.Cells[0].Copies);
        Assert.Equal([2, 2], map.CellsPerClass);
        Assert.Equal(12, map.Images.Count);
        Assert.All(map.Cells, c => Assert.Equal(3, c.Images));
        for (int i = 0; i < 12; i++)
        {
            var a = map.Images[i];
            Assert.Equal(5 + i, a.Id);
            Assert.Equal(i / 3, a.Cell);  // cells are numbered in TEST_SIMPLE order: cell k is scene k
            Assert.InRange(a.Distance, 0, map.Threshold);
            Assert.Equal(i % 3 == 0, a.FileIndexAgrees);
            Assert.Same(a, map.Find(a.Path));
        }
        Assert.Equal(1 / 3.0, map.FileIndexAgreement, 12);
        Assert.Equal(0, map.BeyondThreshold);
        Assert.Null(map.Find("TEST/EOSINOPHIL/nothing.png"));
        var clusters = NearCopyClusters.Assign(hashes, map.Images.Select(a => a.Id).ToList());
        // Two augmented copies can be farther apart than either is from the original (up to 40 degrees between them),
        // so clusters may split a cell, but never join two.
        Assert.InRange(clusters.Distinct().Count(), 4, 11);
        Assert.All(map.ClusterAgreement(clusters), share => Assert.True(double.IsNaN(share) || share == 1.0, $"agreement {share}"));
        Assert.Contains("12 images of 4 distinct source cells (EOSINOPHIL 2, LYMPHOCYTE 2)", SourceCellMapWriter.ToText(map));
    }

    [Fact]
    public void MapNeedsTheOriginals()
    {
        var scene = SyntheticSmear.Random(1);
        var (data, images, sizes) = SyntheticSmear.Set([(scene, new Augmentation(), 0, "TEST", 0)]);
        using (images)
            Assert.Throws<ArgumentException>(() => SourceCellMap.Build(ImageHashes.Compute(data, images, sizes)));
    }

    [Fact]
    public void RealBccdTestImagesMapToTheirTestSimpleOriginals()
    {
        // 64 px, the size the near-copy threshold was chosen at; TEST + TEST_SIMPLE decode in a few seconds.
        using var temp = new TempDirectory();
        var (images, hashes) = RealData.HashedBccdTestFolders(temp.Folder("cache"), 64);
        using var _ = images;
        var map = SourceCellMap.Build(hashes);

        Assert.Equal(2487, map.Images.Count);
        // 71 originals, two of them filed twice: 69 distinct cells (EOS 13 - 2).
        Assert.Equal([11, 6, 4, 48], map.CellsPerClass);
        Assert.Contains(map.Cells, c => c.Path == "TEST_SIMPLE/EOSINOPHIL/_0_5239.jpeg" && c.Copies.SequenceEqual(["TEST_SIMPLE/EOSINOPHIL/_4_8814.jpeg"]));
        Assert.All(map.Cells, c => Assert.True(c.Images > 0, $"{c.Path} has no TEST image"));
        // An augmented monocyte 4 bits from its original, 30+ bits from the other three.
        var known = map.Find("TEST/MONOCYTE/_0_1423.jpeg")!;
        Assert.Equal("TEST_SIMPLE/MONOCYTE/_3_9457.jpeg", map.Cells[known.Cell].Path);
        Assert.InRange(known.Distance, 0, map.Threshold);
        Assert.True(known.Margin >= 20, $"margin {known.Margin}");
        // The file-name index is at chance: it does not name the cell.
        Assert.True(map.FileIndexAgreement < 2 * map.FileIndexChance, $"{map.FileIndexAgreement:P1} vs chance {map.FileIndexChance:P1}");
        // Near-copies of each other within TEST (found without the originals) nearly always get the same cell.
        var agreement = map.ClusterAgreement(NearCopyClusters.Assign(hashes, map.Images.Select(a => a.Id).ToList()));
        Assert.All(agreement, share => Assert.True(share > 0.9, $"cluster agreement {share:P1}"));
    }
}
