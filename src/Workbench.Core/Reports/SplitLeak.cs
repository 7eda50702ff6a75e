namespace Workbench.Reports;

/// <summary>
/// How much a train/test split leaks through source groups: of <paramref name="TestImages"/> test images,
/// <paramref name="TestImagesWithSourceInTrain"/> have an augmented copy of the same cell in the training part;
/// <paramref name="SharedSources"/> of the <paramref name="TestSources"/> test source groups appear on both sides.
/// </summary>
public sealed record SplitLeak(string Split, int TestImages, int TestImagesWithSourceInTrain, int TestSources, int SharedSources)
{
    /// <summary>Fraction of test images whose source cell is also in training (0 = no leak).</summary>
    public double LeakedFraction => TestImages == 0 ? 0 : (double)TestImagesWithSourceInTrain / TestImages;
}
