using Workbench.Engine;

namespace Workbench.Bench;

/// <summary>Seeded random uint8 images and labels: speed does not depend on content, and both sides see the same bytes.</summary>
internal static class RandomImages
{
    public static (ImageSet Images, long[] Labels) Create(int count, int size, int classes)
    {
        var random = new Random(0);
        var pixels = new byte[(long)count * size * size * 3];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(_ => (long)random.Next(classes)).ToArray();
        return (ImageSet.FromBytes(pixels, size), labels);
    }
}
