using System.Numerics;

namespace Workbench.Data;

/// <summary>
/// Cell-centred difference hash. A plain dHash of the whole image does not find BCCD's augmented
/// copies (10% shifts move the red-cell background under the grid), so the hash is taken over a
/// window centred on the purple nucleus, and a query is compared in <see cref="VariantCount"/>
/// orientations (rotations -20..20 degrees x horizontal/vertical flips), the augmentations BCCD used.
/// Works on the square, squashed images of the <see cref="ImageCache"/>; the original size restores the aspect.
/// </summary>
public static class CellHash
{
    /// <summary>Bits per hash: 64 horizontal plus 64 vertical brightness gradients of an 8x8 grid.</summary>
    public const int Bits = 128;

    /// <summary>64-bit words per hash.</summary>
    public const int Words = Bits / 64;

    /// <summary>Rotations tried for a query, in degrees (BCCD was augmented with up to 20).</summary>
    public static IReadOnlyList<int> Rotations { get; } = [-20, -10, 0, 10, 20];

    /// <summary>Orientations per image: every rotation with and without each flip.</summary>
    public static int VariantCount => Rotations.Count * 4;

    /// <summary>Index of the unrotated, unflipped variant (the one a query is compared against).</summary>
    public static int CanonicalVariant => Rotations.ToList().IndexOf(0) * 4;

    // The window is 3/8 of the longer image side (120 px of BCCD's 320x240): a nucleus plus the red
    // cells touching it. Sampled on a fixed 24x24 grid so the hash does not depend on the cache size.
    private const double WindowFraction = 0.375;
    private const int Grid = 24;
    // Pixels at or above this quantile of "purpleness" form the nucleus whose centroid is the centre.
    private const double NucleusQuantile = 0.97;

    /// <summary>
    /// Writes the <see cref="VariantCount"/> hashes (each <see cref="Words"/> words) of one RGB image,
    /// <paramref name="size"/> x <paramref name="size"/> (HWC), squashed from <paramref name="original"/>.
    /// </summary>
    public static void Compute(ReadOnlySpan<byte> rgb, int size, ImageSize original, Span<ulong> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        if (rgb.Length < size * size * 3)
            throw new ArgumentException($"Image holds {rgb.Length} bytes, needs {size * size * 3}.", nameof(rgb));
        if (destination.Length < VariantCount * Words)
            throw new ArgumentException($"Destination holds {destination.Length} words, needs {VariantCount * Words}.", nameof(destination));

        var gray = new float[size * size];
        for (int i = 0; i < size * size; i++)
            gray[i] = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];

        // Isotropic units: the longer original side spans `size` units, so rotations are true rotations.
        var (width, height) = original.Width > 0 && original.Height > 0 ? (original.Width, original.Height) : (1, 1);
        double isoW = size * (double)width / Math.Max(width, height);
        double isoH = size * (double)height / Math.Max(width, height);
        var (cx, cy) = NucleusCentre(rgb, size) ?? (size / 2.0, size / 2.0);
        cx *= isoW / size;
        cy *= isoH / size;

        var window = new float[Grid * Grid];
        double half = WindowFraction * size / 2;
        int v = 0;
        foreach (var degrees in Rotations)
        {
            double cos = Math.Cos(degrees * Math.PI / 180), sin = Math.Sin(degrees * Math.PI / 180);
            for (int flips = 0; flips < 4; flips++, v++)
            {
                double fx = (flips & 1) != 0 ? -1 : 1, fy = (flips & 2) != 0 ? -1 : 1;
                for (int i = 0; i < Grid; i++)
                    for (int j = 0; j < Grid; j++)
                    {
                        double u = fx * ((j + 0.5) / Grid * 2 - 1) * half;
                        double w = fy * ((i + 0.5) / Grid * 2 - 1) * half;
                        double x = cx + cos * u - sin * w;
                        double y = cy + sin * u + cos * w;
                        window[i * Grid + j] = Bilinear(gray, size, x * size / isoW, y * size / isoH);
                    }
                DifferenceHash(window, destination.Slice(v * Words, Words));
            }
        }
    }

    /// <summary>Hamming distance between two hashes of <see cref="Words"/> words.</summary>
    public static int Distance(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int d = 0;
        for (int k = 0; k < Words; k++)
            d += BitOperations.PopCount(a[k] ^ b[k]);
        return d;
    }

    /// <summary>
    /// Centre of the nucleus in a <paramref name="size"/> x <paramref name="size"/> RGB image (HWC), in pixel units
    /// (pixel k spans [k, k+1)): the centroid of the most purple pixels. Null when no pixel is more purple than the
    /// quantile (a flat or unstained image). Also what <see cref="NucleusCrop"/> centres its crop on, so that the crop
    /// and the leak audit agree on where the cell is.
    /// </summary>
    internal static (double X, double Y)? NucleusCentre(ReadOnlySpan<byte> rgb, int size)
    {
        var purple = new float[size * size];
        // Stained nuclei are blue-violet, red cells pink and the background pale: blue minus green picks nuclei.
        for (int i = 0; i < size * size; i++)
            purple[i] = Math.Max(0f, rgb[3 * i + 2] - rgb[3 * i + 1]);
        var sorted = (float[])purple.Clone();
        Array.Sort(sorted);
        float threshold = sorted[Math.Min(sorted.Length - 1, (int)(NucleusQuantile * sorted.Length))];
        double sum = 0, sx = 0, sy = 0;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                // Weight by how far above the threshold: pixels tied at the threshold (flat pink red
                // cells when the nucleus is small) add nothing, so they cannot pull the centre away.
                float p = purple[y * size + x] - threshold;
                if (p <= 0)
                    continue;
                sum += p;
                sx += p * (x + 0.5);
                sy += p * (y + 0.5);
            }
        return sum > 0 ? (sx / sum, sy / sum) : null;
    }

    /// <summary>Bilinear sample at continuous coordinates (pixel k spans [k, k+1)); edges are clamped.</summary>
    private static float Bilinear(float[] image, int size, double x, double y)
    {
        double fx = Math.Clamp(x - 0.5, 0, size - 1), fy = Math.Clamp(y - 0.5, 0, size - 1);
        int x0 = (int)fx, y0 = (int)fy;
        int x1 = Math.Min(x0 + 1, size - 1), y1 = Math.Min(y0 + 1, size - 1);
        double ax = fx - x0, ay = fy - y0;
        double top = image[y0 * size + x0] * (1 - ax) + image[y0 * size + x1] * ax;
        double bottom = image[y1 * size + x0] * (1 - ax) + image[y1 * size + x1] * ax;
        return (float)(top * (1 - ay) + bottom * ay);
    }

    /// <summary>Bits: is each cell of an 8x9 (rows x cols) average grid darker than its right neighbour, then the same downwards.</summary>
    private static void DifferenceHash(float[] window, Span<ulong> hash)
    {
        var across = Pool(window, 8, 9);
        var down = Pool(window, 9, 8);
        ulong h = 0, d = 0;
        int bit = 0;
        for (int r = 0; r < 8; r++)
            for (int c = 0; c < 8; c++, bit++)
            {
                if (across[r * 9 + c + 1] > across[r * 9 + c]) h |= 1UL << bit;
                if (down[(r + 1) * 8 + c] > down[r * 8 + c]) d |= 1UL << bit;
            }
        hash[0] = h;
        hash[1] = d;
    }

    /// <summary>Adaptive average pooling of the Grid x Grid window to rows x cols (bins may overlap, as in torch).</summary>
    private static float[] Pool(float[] window, int rows, int cols)
    {
        var result = new float[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            int r0 = r * Grid / rows, r1 = ((r + 1) * Grid + rows - 1) / rows;
            for (int c = 0; c < cols; c++)
            {
                int c0 = c * Grid / cols, c1 = ((c + 1) * Grid + cols - 1) / cols;
                float sum = 0;
                for (int y = r0; y < r1; y++)
                    for (int x = c0; x < c1; x++)
                        sum += window[y * Grid + x];
                result[r * cols + c] = sum / ((r1 - r0) * (c1 - c0));
            }
        }
        return result;
    }
}
