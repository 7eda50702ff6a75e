using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>Small generated data sets in the real folder layouts, made of tiny PNG files.</summary>
internal static class TinyLayouts
{
    /// <summary>
    /// PBC_dataset_normal_DIB under <paramref name="root"/> with <paramref name="perFolder"/> images in every
    /// coarse folder (prefix = the first fine class of that folder); returns the layout folder.
    /// </summary>
    public static string Pbc(string root, int perFolder, int imageSide = 8)
    {
        var layout = Path.Combine(root, "PBC_dataset_normal_DIB");
        for (int f = 0; f < PbcClasses.CoarseFolders.Count; f++)
        {
            var folder = PbcClasses.CoarseFolders[f];
            var dir = Directory.CreateDirectory(Path.Combine(layout, folder)).FullName;
            var prefix = PbcClasses.Fine.First(c => c.Folder == folder).Prefix;
            for (int i = 0; i < perFolder; i++)
                File.WriteAllBytes(Path.Combine(dir, $"{prefix}_{1000 + i}.png"),
                    TinyPng.Encode(imageSide, imageSide, (x, y) => ((byte)(f * 30), (byte)(i * 20), (byte)(x * 10 + y))));
        }
        return layout;
    }

    /// <summary>
    /// bccd/dataset2-master/images/SPLIT/CLASS with <paramref name="sources"/> sources x <paramref name="copies"/>
    /// augmented copies per class and split; returns the images folder.
    /// </summary>
    public static string Bccd(string root, int sources, int copies, params string[] splits)
    {
        var images = Path.Combine(root, "bccd", "dataset2-master", "images");
        int serial = 0;
        foreach (var split in splits)
            foreach (var className in BccdLayout.Classes)
            {
                var dir = Directory.CreateDirectory(Path.Combine(images, split, className)).FullName;
                for (int k = 0; k < sources; k++)
                    for (int c = 0; c < copies; c++)
                        File.WriteAllBytes(Path.Combine(dir, $"_{k}_{serial++}.png"), TinyPng.Solid(4, 4, (byte)k, (byte)c, 7));
            }
        return images;
    }
}
