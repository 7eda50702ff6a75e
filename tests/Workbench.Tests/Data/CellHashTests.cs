// CellHashTests.cs: tests (Workbench.Tests, data layer) of the cell-centred perceptual hash.
using Workbench.Data;

namespace Workbench.Tests.Data;

public class CellHashTests
{
    private const int Size = 64;

    [Fact]
    public void AnImageIsAtDistanceZeroFromItself()
    {
        var scene = SyntheticSmear.Random(1);
        Assert.Equal(0, Distance(scene, new Augmentation(), scene, new Augmentation()));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void FlippedCopiesAreFoundByTheFlippedVariants(bool flipX, bool flipY)
    {
        var scene = SyntheticSmear.Random(2);
        int d = Distance(scene, new Augmentation(FlipX: flipX, FlipY: flipY), scene, new Augmentation());
        Assert.True(d <= 2, $"flipped copy is {d} bits away");
    }

    [Fact]
    public void ShiftedCopiesStayNearBecauseTheWindowFollowsTheNucleus()
    {
        var scene = SyntheticSmear.Random(3);
        // 6 of 64 units is BCCD's 10% shift; a fixed window would see a different patch of red cells.
        int d = Distance(scene, new Augmentation(ShiftX: 6, ShiftY: -5), scene, new Augmentation());
        Assert.True(d <= LeakAudit.DefaultThreshold / 2, $"shifted copy is {d} bits away");
    }

    [Fact]
    public void AugmentedCopiesAreNearAndDifferentCellsFar()
    {
        // BCCD's augmentations: rotations up to 20 degrees (also off the 10-degree grid the query tries), shifts, flips.
        Augmentation[] copies =
        [
            new(Degrees: 10), new(Degrees: -20), new(Degrees: 20, FlipX: true), new(Degrees: 15),
            new(ShiftX: 2, Degrees: -20), new(ShiftX: 4, ShiftY: 3, Degrees: 10, FlipY: true),
        ];
        var same = new List<int>();
        var different = new List<int>();
        for (int seed = 1; seed <= 6; seed++)
        {
            var scene = SyntheticSmear.Random(seed);
            same.AddRange(copies.Select(c => Distance(scene, c, scene, new Augmentation())));
            different.Add(Distance(scene, new Augmentation(), SyntheticSmear.Random(seed + 100), new Augmentation()));
            different.Add(Distance(scene, copies[seed % copies.Length], SyntheticSmear.Random(seed + 200), new Augmentation()));
        }
        Assert.True(same.Max() < different.Min(), $"copies up to {same.Max()} bits, different cells from {different.Min()}");
        Assert.True(different.Min() > 2 * LeakAudit.DefaultThreshold, $"different cells only {different.Min()} bits apart");
        double within = same.Count(d => d <= LeakAudit.DefaultThreshold) / (double)same.Count;
        Assert.True(within >= 0.8, $"only {within:P0} of copies within the threshold: {string.Join(",", same)}");
    }

    [Fact]
    public void TheOriginalAspectIsRestoredBeforeRotating()
    {
        // A 4:3 original squashed into a square: without the aspect, a rotated copy would be sheared.
        var scene = SyntheticSmear.Random(5);
        var wide = new ImageSize(320, 240);
        int squashed = Hashes(Squash(scene, new Augmentation(Degrees: 20)), wide, query: true)
            .Min(v => CellHash.Distance(v, Hashes(Squash(scene, new Augmentation()), wide, query: false)[0]));
        Assert.True(squashed <= LeakAudit.DefaultThreshold, $"rotated 4:3 copy is {squashed} bits away");
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        var hash = new ulong[CellHash.VariantCount * CellHash.Words];
        Assert.Throws<ArgumentException>(() => CellHash.Compute(new byte[10], Size, new ImageSize(Size, Size), hash));
        Assert.Throws<ArgumentException>(() => CellHash.Compute(new byte[Size * Size * 3], Size, new ImageSize(Size, Size), new ulong[3]));
        Assert.Equal(8, CellHash.CanonicalVariant);
    }

    /// <summary>Fewest bits between any orientation of copy a and copy b as it is (what the audit measures).</summary>
    internal static int Distance(SmearScene a, Augmentation copyA, SmearScene b, Augmentation copyB)
    {
        var query = Hashes(SyntheticSmear.Render(a, Size, copyA), new ImageSize(Size, Size), query: true);
        var reference = Hashes(SyntheticSmear.Render(b, Size, copyB), new ImageSize(Size, Size), query: false)[0];
        return query.Min(v => CellHash.Distance(v, reference));
    }

    /// <summary>All variants (query) or just the canonical one.</summary>
    private static ulong[][] Hashes(byte[] rgb, ImageSize original, bool query)
    {
        var all = new ulong[CellHash.VariantCount * CellHash.Words];
        CellHash.Compute(rgb, Size, original, all);
        var variants = Enumerable.Range(0, CellHash.VariantCount).Select(v => all.AsSpan(v * CellHash.Words, CellHash.Words).ToArray()).ToArray();
        return query ? variants : [variants[CellHash.CanonicalVariant]];
    }

    /// <summary>Renders a 4:3 scene (64 x 48 units of a wider canvas) and squashes it to a square, as the cache does.</summary>
    private static byte[] Squash(SmearScene scene, Augmentation copy)
    {
        var full = SyntheticSmear.Render(scene, Size, copy);
        var square = new byte[Size * Size * 3];
        // Take the middle 48 rows of the 64x64 render as a 64x48 "original", stretch it vertically to 64 rows.
        for (int y = 0; y < Size; y++)
        {
            int source = 8 + y * 48 / Size;
            full.AsSpan(source * Size * 3, Size * 3).CopyTo(square.AsSpan(y * Size * 3));
        }
        return square;
    }
}
