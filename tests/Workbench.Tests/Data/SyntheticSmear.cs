// SyntheticSmear.cs: test helper (Workbench.Tests, data layer). Draws made-up blood-smear scenes, and
// copies of them under the augmentations BCCD used (shift, rotation, flips), for the leak-audit tests.
using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>A circle in scene units (the scene spans 0..64 in both directions).</summary>
internal sealed record Disc(double X, double Y, double Radius);

/// <summary>One "cell": red cells around a purple, lobed nucleus.</summary>
internal sealed record SmearScene(IReadOnlyList<Disc> RedCells, IReadOnlyList<Disc> NucleusLobes);

/// <summary>The transform an augmented copy was made with (about the image centre, then shifted).</summary>
internal sealed record Augmentation(double ShiftX = 0, double ShiftY = 0, double Degrees = 0, bool FlipX = false, bool FlipY = false);

internal static class SyntheticSmear
{
    private const double Extent = 64;

    /// <summary>A random scene: ~18 red cells and a three-lobed nucleus near the middle.</summary>
    public static SmearScene Random(int seed)
    {
        var random = new Random(seed);
        double R(double lo, double hi) => lo + random.NextDouble() * (hi - lo);
        var red = Enumerable.Range(0, 18).Select(_ => new Disc(R(0, Extent), R(0, Extent), R(4, 7))).ToList();
        double cx = R(24, 40), cy = R(24, 40);
        var lobes = Enumerable.Range(0, 3).Select(_ => new Disc(cx + R(-4, 4), cy + R(-4, 4), R(3, 5))).ToList();
        return new SmearScene(red, lobes);
    }

    /// <summary>Renders <paramref name="scene"/> under <paramref name="augmentation"/> into a size x size RGB image (2x2 supersampled).</summary>
    public static byte[] Render(SmearScene scene, int size, Augmentation? augmentation = null)
    {
        var a = augmentation ?? new Augmentation();
        double cos = Math.Cos(-a.Degrees * Math.PI / 180), sin = Math.Sin(-a.Degrees * Math.PI / 180);
        double scale = Extent / size;
        var rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double r = 0, g = 0, b = 0;
                for (int s = 0; s < 4; s++)
                {
                    // Output point -> scene point: undo the shift, the rotation, then the flips.
                    double px = (x + 0.25 + 0.5 * (s & 1)) * scale - Extent / 2 - a.ShiftX;
                    double py = (y + 0.25 + 0.5 * (s >> 1)) * scale - Extent / 2 - a.ShiftY;
                    double qx = cos * px - sin * py, qy = sin * px + cos * py;
                    if (a.FlipX) qx = -qx;
                    if (a.FlipY) qy = -qy;
                    var (cr, cg, cb) = Colour(scene, qx + Extent / 2, qy + Extent / 2);
                    r += cr; g += cg; b += cb;
                }
                rgb[3 * (y * size + x)] = (byte)(r / 4);
                rgb[3 * (y * size + x) + 1] = (byte)(g / 4);
                rgb[3 * (y * size + x) + 2] = (byte)(b / 4);
            }
        return rgb;
    }

    /// <summary>A data set plus its images, one sample per (scene, augmentation), for audits without files.</summary>
    public static (DataSet Data, ImageStore Images, ImageSize[] Sizes) Set(
        IReadOnlyList<(SmearScene Scene, Augmentation Copy, int Label, string Split, int Group)> items, int size = 64)
    {
        string[] classes = ["EOSINOPHIL", "LYMPHOCYTE"];
        var samples = items.Select((item, i) => new Sample(i, $"{item.Split}/{classes[item.Label]}/_{item.Group}_{i}.png",
            item.Label, classes[item.Label], item.Split, item.Group)).ToList();
        var data = new DataSet("bccd", Path.GetTempPath(), classes, classes, samples);
        var store = new ImageStore(items.Count, size);
        for (int i = 0; i < items.Count; i++)
            Render(items[i].Scene, size, items[i].Copy).CopyTo(store.WritableImage(i));
        return (data, store, Enumerable.Repeat(new ImageSize(size, size), items.Count).ToArray());
    }

    private static (double R, double G, double B) Colour(SmearScene scene, double x, double y)
    {
        static bool Inside(Disc d, double x, double y) => (x - d.X) * (x - d.X) + (y - d.Y) * (y - d.Y) <= d.Radius * d.Radius;
        if (scene.NucleusLobes.Any(d => Inside(d, x, y)))
            return (110, 50, 165);
        foreach (var d in scene.RedCells)
            if (Inside(d, x, y))
                // Red cells are paler in the middle (biconcave), as in the real smears.
                return Inside(d with { Radius = d.Radius * 0.5 }, x, y) ? (225, 175, 180) : (205, 140, 150);
        return (238, 228, 226);
    }
}
