namespace Workbench.Data;

/// <summary>
/// A data set's images decoded to one size, aligned with <see cref="Data"/>: image i is
/// <c>Data.Samples[i]</c>. Samples that failed to decode are not in <see cref="Data"/> (ids are
/// renumbered) and are listed in <see cref="DecodeFailures"/>; build splits on <see cref="Data"/>.
/// </summary>
public sealed class CachedImages : IDisposable
{
    internal CachedImages(DataSet data, ImageStore images, IReadOnlyList<ImageSize> originalSizes,
        IReadOnlyList<SkippedFile> decodeFailures, string cachePath, bool rebuilt, string status,
        int crop = 0, IReadOnlyList<string>? centredCrops = null)
    {
        if (images.Count != data.Count || originalSizes.Count != data.Count)
            throw new ArgumentException(
                $"Images ({images.Count}), original sizes ({originalSizes.Count}) and samples ({data.Count}) must match.", nameof(images));
        Data = data;
        Images = images;
        OriginalSizes = originalSizes;
        DecodeFailures = decodeFailures;
        CachePath = cachePath;
        Rebuilt = rebuilt;
        Status = status;
        Crop = crop;
        CentredCrops = centredCrops ?? [];
    }

    /// <summary>Side of the nucleus-centred crop in original pixels; 0 = whole frames.</summary>
    public int Crop { get; }

    /// <summary>Relative paths of images in which no nucleus was found, so their crop is centred on the image.</summary>
    public IReadOnlyList<string> CentredCrops { get; }

    /// <summary>The data set without decode failures; sample ids are image indices.</summary>
    public DataSet Data { get; }

    /// <summary>The decoded pixels.</summary>
    public ImageStore Images { get; }

    /// <summary>Size of each image file before resizing, by image index.</summary>
    public IReadOnlyList<ImageSize> OriginalSizes { get; }

    /// <summary>Files that could not be decoded, with the decoder's message.</summary>
    public IReadOnlyList<SkippedFile> DecodeFailures { get; }

    /// <summary>The cache file on disk.</summary>
    public string CachePath { get; }

    /// <summary>True when the cache was (re)built by this load rather than read.</summary>
    public bool Rebuilt { get; }

    /// <summary>One line saying what happened (read from cache, or rebuilt and why).</summary>
    public string Status { get; }

    /// <summary>Frees the pixel buffer.</summary>
    public void Dispose() => Images.Dispose();
}
