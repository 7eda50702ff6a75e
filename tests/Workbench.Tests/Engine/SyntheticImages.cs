namespace Workbench.Tests.Engine;

/// <summary>
/// A separable toy problem: class c is an image whose bright square sits in quadrant c, on
/// noise. A model that learns anything gets it right; a model that learns nothing gets 25%.
/// </summary>
internal static class SyntheticImages
{
    public static (byte[] Pixels, int[] Labels) Make(int count, int size, int classes, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * size * size * 3];
        var labels = new int[count];
        int half = size / 2;
        for (int i = 0; i < count; i++)
        {
            int label = i % classes;
            labels[i] = label;
            int x0 = label % 2 * half, y0 = label / 2 % 2 * half;
            var image = pixels.AsSpan(i * size * size * 3, size * size * 3);
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    bool inside = x >= x0 && x < x0 + half && y >= y0 && y < y0 + half;
                    for (int c = 0; c < 3; c++)
                        image[(y * size + x) * 3 + c] = (byte)Math.Clamp((inside ? 180 : 60) + random.Next(-40, 41), 0, 255);
                }
        }
        return (pixels, labels);
    }
}
