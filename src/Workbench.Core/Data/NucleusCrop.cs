using System.Buffers;

namespace Workbench.Data;

/// <summary>Where a crop lies in the original image, in its pixels; <paramref name="NucleusFound"/> false: centred on the image.</summary>
/// <param name="X">Left edge in original pixels.</param>
/// <param name="Y">Top edge in original pixels.</param>
/// <param name="Side">Side of the square in original pixels (the asked side, or the shorter image side when that is smaller).</param>
/// <param name="NucleusFound">False when no nucleus was found and the crop fell back to the image centre.</param>
public sealed record CropWindow(int X, int Y, int Side, bool NucleusFound);

/// <summary>
/// Nucleus-centred crops. Squashing a whole 320x240 BCCD frame to 32 px leaves the white cell ~12 px wide; cutting a
/// square of N original pixels around the nucleus first keeps the cell large and its aspect true. The nucleus is
/// <see cref="CellHash"/>'s (the leak audit's) so both agree on where the cell is; when none is found the square is
/// centred on the image and the caller counts it. The square is clamped inside the frame, never padded.
/// </summary>
public static class NucleusCrop
{
    /// <summary>Smallest crop side in original pixels (smaller cannot hold a cell).</summary>
    public const int MinPixels = 8;

    /// <summary>Largest crop side: the decoder's largest image.</summary>
    public const int MaxPixels = ImageStore.MaxSize;

    // The nucleus is looked for on a 64 px copy: the leak audit's default size, where CellHash's detection was checked on
    // BCCD; it also keeps the quantile sort at 4,096 pixels instead of 102,400 for a 320 px working copy.
    internal const int DetectionSize = 64;

    /// <summary>The one-line problem with a crop side, or null when it is valid (0 = the whole frame).</summary>
    public static string? Problem(int pixels) => pixels == 0 || pixels is >= MinPixels and <= MaxPixels ? null
        : $"must be 0 (the whole frame) or a square side of {MinPixels} to {MaxPixels} original pixels, got {pixels}";

    /// <summary>The name part of a crop: "" for the whole frame (old names stay valid), "-crop120" for a crop.</summary>
    public static string Tag(int pixels) => pixels == 0 ? "" : $"-crop{pixels}";

    /// <summary>
    /// The square of side <paramref name="pixels"/> (at most the shorter image side) centred on <paramref name="nucleus"/>
    /// (original pixel units; null: the image centre), moved inside the frame where it would stick out.
    /// </summary>
    public static CropWindow Window(ImageSize original, (double X, double Y)? nucleus, int pixels)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, 1);
        if (original.Width < 1 || original.Height < 1) throw new ArgumentException($"Cannot crop an image of {original}.", nameof(original));
        int side = Math.Min(pixels, Math.Min(original.Width, original.Height));
        var (cx, cy) = nucleus ?? (original.Width / 2.0, original.Height / 2.0);
        int x = Math.Clamp((int)Math.Round(cx - side / 2.0, MidpointRounding.AwayFromZero), 0, original.Width - side);
        int y = Math.Clamp((int)Math.Round(cy - side / 2.0, MidpointRounding.AwayFromZero), 0, original.Height - side);
        return new CropWindow(x, y, side, nucleus is not null);
    }

    /// <summary>
    /// Crops <paramref name="square"/> (the image of size <paramref name="original"/> squashed to
    /// <paramref name="squareSize"/> x <paramref name="squareSize"/> RGB, as the decoder gives it) around its nucleus and
    /// area-resamples the crop to <paramref name="size"/> x <paramref name="size"/> into <paramref name="destination"/>.
    /// </summary>
    public static CropWindow Apply(ReadOnlySpan<byte> square, int squareSize, ImageSize original, int pixels, int size, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentOutOfRangeException.ThrowIfLessThan(squareSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (square.Length < squareSize * squareSize * 3)
            throw new ArgumentException($"Image holds {square.Length} bytes, needs {squareSize * squareSize * 3}.", nameof(square));
        if (destination.Length < size * size * 3)
            throw new ArgumentException($"Destination holds {destination.Length} bytes, needs {size * size * 3}.", nameof(destination));

        var small = new byte[DetectionSize * DetectionSize * 3];
        Resample(square, squareSize, 0, 0, squareSize, squareSize, DetectionSize, small);
        // Detection units are squashed: x scales by the width, y by the height.
        (double X, double Y)? nucleus = CellHash.NucleusCentre(small, DetectionSize) is { } c
            ? (c.X * original.Width / DetectionSize, c.Y * original.Height / DetectionSize) : null;
        var window = Window(original, nucleus, pixels);
        double sx = (double)squareSize / original.Width, sy = (double)squareSize / original.Height;
        Resample(square, squareSize, window.X * sx, window.Y * sy, window.Side * sx, window.Side * sy, size, destination);
        return window;
    }

    /// <summary>
    /// Decodes <paramref name="path"/> with <paramref name="decode"/> and writes its nucleus-centred crop of
    /// <paramref name="pixels"/> original pixels at <paramref name="size"/> x <paramref name="size"/>.
    /// </summary>
    /// <returns>The original size (as the decoder reports it) and where the crop lies.</returns>
    public static (ImageSize Original, CropWindow Window) Decode(ImageDecodeFunction decode, string path, int pixels, int size, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(decode);
        // The decoder only squashes to a square; a 1 px decode tells the original size cheaply (JPEGs decode at 1/8).
        Span<byte> probe = stackalloc byte[3];
        var original = decode(path, 1, probe);
        if (original.Width < 1 || original.Height < 1)
            throw new InvalidDataException($"'{path}': the decoder reported a size of {original}, nothing to crop");
        // A square of the longer side keeps every original pixel along it and repeats rows (or columns) along the other,
        // so the crop is cut from full-resolution pixels.
        int working = Math.Clamp(Math.Max(original.Width, original.Height), size, ImageStore.MaxSize);
        int bytes = working * working * 3;
        var buffer = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            decode(path, working, buffer.AsSpan(0, bytes));
            return (original, Apply(buffer.AsSpan(0, bytes), working, original, pixels, size, destination));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Area (box-filter) resampling of the rectangle [x0, x0 + w) x [y0, y0 + h) of a square RGB image to size x size, the
    /// engine's resize generalised to fractional edges: each output pixel averages the source area it covers.
    /// </summary>
    private static void Resample(ReadOnlySpan<byte> source, int sourceSize, double x0, double y0, double w, double h, int size, Span<byte> destination)
    {
        var xs = Spans(x0, w, size, sourceSize);
        var ys = Spans(y0, h, size, sourceSize);
        int rowFirst = ys[0].First, rowLast = ys[^1].First + ys[^1].Weights.Length;
        var rows = new float[(rowLast - rowFirst) * size * 3];
        for (int y = rowFirst; y < rowLast; y++)
            for (int x = 0; x < size; x++)
                for (int c = 0; c < 3; c++)
                {
                    float sum = 0;
                    var span = xs[x];
                    for (int k = 0; k < span.Weights.Length; k++)
                        sum += span.Weights[k] * source[(y * sourceSize + span.First + k) * 3 + c];
                    rows[((y - rowFirst) * size + x) * 3 + c] = sum;
                }
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                for (int c = 0; c < 3; c++)
                {
                    float sum = 0;
                    var span = ys[y];
                    for (int k = 0; k < span.Weights.Length; k++)
                        sum += span.Weights[k] * rows[((span.First - rowFirst + k) * size + x) * 3 + c];
                    destination[(y * size + x) * 3 + c] = (byte)Math.Clamp(sum + 0.5f, 0f, 255f);
                }
    }

    private readonly record struct Span1D(int First, float[] Weights);

    /// <summary>Source pixels under each of <paramref name="count"/> equal parts of [start, start + length), weighted by coverage.</summary>
    private static Span1D[] Spans(double start, double length, int count, int sourceSize)
    {
        var spans = new Span1D[count];
        double step = length / count;
        for (int d = 0; d < count; d++)
        {
            double lo = start + d * step, hi = lo + step;
            int first = Math.Clamp((int)Math.Floor(lo), 0, sourceSize - 1);
            int last = Math.Clamp((int)Math.Ceiling(hi) - 1, first, sourceSize - 1);
            var weights = new float[last - first + 1];
            double total = 0;
            for (int s = first; s <= last; s++)
                total += weights[s - first] = (float)Math.Max(0, Math.Min(s + 1, hi) - Math.Max(s, lo));
            // Rounding at the frame's edge can leave no coverage: the nearest pixel then stands for the part.
            if (total <= 0) { weights[0] = 1; total = 1; }
            for (int k = 0; k < weights.Length; k++) weights[k] = (float)(weights[k] / total);
            spans[d] = new Span1D(first, weights);
        }
        return spans;
    }
}
