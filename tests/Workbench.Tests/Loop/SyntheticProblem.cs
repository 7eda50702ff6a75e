using Workbench.Engine;
using Workbench.Loop;
using Workbench.Config;

namespace Workbench.Tests.Loop;

/// <summary>
/// A small image problem for loop tests: class c is a square near quadrant c (jittered by a few pixels) whose
/// contrast varies from sample to sample, on strong noise, so a handful of labels gives a mediocre model and a few hundred give a good one.
/// <see cref="VisualClasses"/> is what each image shows; <see cref="Labels"/> (the truth the experiment sees) equals
/// it unless a test overrides some, e.g. to make pseudo-labels provably wrong.
/// </summary>
internal sealed class SyntheticProblem : IExperimentData, IDisposable
{
    public const int Size = 16;

    private SyntheticProblem(ImageSet images, int[] visual, int[] labels, int[] train, int[] test, bool owns)
    {
        Images = images;
        VisualClasses = visual;
        Labels = labels;
        TrainIds = train;
        TestIds = test;
        _owns = owns;
    }

    private readonly bool _owns;

    public static SyntheticProblem Create(int trainCount = 480, int testCount = 160, int classes = 4, int seed = 1,
        int minContrast = 20, int maxContrast = 80, int noise = 60, int jitter = 3)
    {
        int count = trainCount + testCount;
        var random = new Random(seed);
        var pixels = new byte[count * Size * Size * 3];
        var visual = new int[count];
        int half = Size / 2, side = 6;
        for (int i = 0; i < count; i++)
        {
            int label = i % classes;
            visual[i] = label;
            int contrast = random.Next(minContrast, maxContrast + 1);
            int x0 = label % 2 * half + 1 + random.Next(-jitter, jitter + 1);
            int y0 = label / 2 % 2 * half + 1 + random.Next(-jitter, jitter + 1);
            var image = pixels.AsSpan(i * Size * Size * 3, Size * Size * 3);
            for (int y = 0; y < Size; y++)
                for (int x = 0; x < Size; x++)
                {
                    bool inside = x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;
                    int value = 110 + (inside ? contrast : 0) + random.Next(-noise, noise + 1);
                    for (int c = 0; c < 3; c++) image[(y * Size + x) * 3 + c] = (byte)Math.Clamp(value, 0, 255);
                }
        }
        var images = ImageSet.FromBytes(pixels, Size);
        return new SyntheticProblem(images, visual, (int[])visual.Clone(),
            Enumerable.Range(0, trainCount).ToArray(), Enumerable.Range(trainCount, testCount).ToArray(), owns: true);
    }

    /// <summary>The same images and split with another truth (the images stay owned by this object).</summary>
    public SyntheticProblem WithLabels(int[] labels) => new(Images, VisualClasses, labels, TrainIds, TestIds, owns: false);

    public string Name => "synthetic";
    public ImageSet Images { get; }
    public int[] VisualClasses { get; }
    public int[] Labels { get; }
    IReadOnlyList<int> IExperimentData.Labels => Labels;
    public IReadOnlyList<string> ClassNames => ["top-left", "top-right", "bottom-left", "bottom-right"];
    public int[] TrainIds { get; }
    IReadOnlyList<int> IExperimentData.TrainIds => TrainIds;
    public int[] TestIds { get; }
    IReadOnlyList<int> IExperimentData.TestIds => TestIds;

    /// <summary>A quick config for this problem: smallcnn at 16 px, 2 initial labels per class, a step budget.</summary>
    public static ExperimentConfig Config(string strategy, int rounds = 2) => new()
    {
        DataSet = "synthetic",
        Split = "fixed",
        Seed = 3,
        ImageSize = Size,
        Architecture = "smallcnn",
        InitialFraction = null,
        InitialPerClass = 2,
        Recipe = strategy,
        PseudoLabelThreshold = 0.97,
        ActiveLearning = "cluster-margin",
        Budget = 24,
        Rounds = rounds,
        Epochs = 30,
        MaxSteps = 60,
        BatchSize = 16,
        LearningRate = 0.05,
        Momentum = 0.9,
        WeightDecay = 0,
        Augmentation = Augmentation.None,
        EvalBatchSize = 64,
    };

    public void Dispose()
    {
        if (_owns) Images.Dispose();
    }
}
