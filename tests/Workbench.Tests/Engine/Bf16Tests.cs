using Workbench.Engine;
using Xunit.Abstractions;

namespace Workbench.Tests.Engine;

/// <summary>
/// bf16 as PyTorch's CPU autocast: `auto` chooses it only where the processor runs it natively; a bf16 model
/// predicts within a stated tolerance of fp32, really computes in bf16 (its numbers differ from fp32's), keeps
/// float32 weights, and learns. These tests run on any x86 CPU: where bf16 is not native oneDNN emulates it.
/// </summary>
public class Bf16Tests(ITestOutputHelper output)
{
    private const int Size = 32, Count = 48, Classes = 4;
    // bf16 keeps 8 bits of mantissa (~2.4 significant digits). Measured on these trained toy models (AMD EPYC with
    // AVX512_BF16): probabilities moved by at most 0.0011, embeddings by at most 0.6% of their largest value.
    // The tolerances leave room for other CPUs' kernels; a wrong cast (the folded bias or BN statistics in bf16,
    // an activation kept in bf16 across layers that should not be) moves them far more.
    private const double Bf16ProbabilityTolerance = 0.02;
    private const double Bf16EmbeddingTolerance = 0.05;

    private static readonly int[] Ids = Enumerable.Range(0, Count).ToArray();

    private const string Zen4Flags = "fpu vme sse sse2 avx avx2 avx512f avx512dq avx512bw avx512vl avx512_bf16 avx512_vnni";
    private const string SkylakeFlags = "fpu vme sse sse2 avx avx2 avx512f avx512dq avx512bw avx512vl avx512_vnni";
    private const string SapphireRapidsFlags = "fpu sse avx2 avx512f avx512bw amx_bf16 amx_tile amx_int8";

    private static string CpuInfo(string model, string flags) =>
        $"processor\t: 0\nvendor_id\t: X\nmodel name\t: {model}\nflags\t\t: {flags}\n\nprocessor\t: 1\nmodel name\t: {model}\nflags\t\t: {flags}\n";

    [Theory]
    [InlineData(Zen4Flags, "bf16")]
    [InlineData(SapphireRapidsFlags, "bf16")]
    [InlineData(SkylakeFlags, "fp32")]      // AVX-512 without bf16: oneDNN would emulate it
    [InlineData("fpu sse sse2 avx avx2 fma", "fp32")]
    [InlineData("", "fp32")]
    public void AutoPicksBf16OnlyWhereTheCpuHasIt(string flags, string expected)
    {
        var cpu = CpuFeatures.Parse(CpuInfo("Some CPU", flags));
        Assert.Equal(expected, Precisions.Resolve("auto", cpu).ToName());
        // An explicit choice is obeyed on any CPU.
        Assert.Equal(Precision.Bf16, Precisions.Resolve("bf16", cpu));
        Assert.Equal(Precision.Fp32, Precisions.Resolve(" FP32 ", cpu));
    }

    [Fact]
    public void ParsingReadsTheModelAndNeverMistakesAPrefixForAFlag()
    {
        var cpu = CpuFeatures.Parse(CpuInfo("AMD EPYC 9R14", "avx512f avx512_bf16x amx_bf16_not"));
        Assert.Equal("AMD EPYC 9R14", cpu.ModelName);
        Assert.False(cpu.HasNativeBf16);
        Assert.Equal("unknown processor", CpuFeatures.Parse("garbage without colons").ModelName);
    }

    [Fact]
    public void AnUnknownPrecisionIsRefusedNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => Precisions.Resolve("fp16", CpuFeatures.Current));
        Assert.Contains("unknown precision 'fp16'", error.Message);
    }

    [Fact]
    public void TheCurrentCpuIsReadAndNewModelsTakeTheRuntimePrecision()
    {
        Assert.NotEqual("unknown processor", CpuFeatures.Current.ModelName);
        using var model = Model.Create(Architecture.SmallCnn, Classes, seed: 1);
        Assert.Equal(Runtime.Precision, model.Precision);
        model.Precision = Precision.Bf16;
        Assert.Equal(Precision.Bf16, model.Precision);
    }

    private static ImageSet Images(out long[] labels)
    {
        var (pixels, ints) = SyntheticImages.Make(Count, Size, Classes, seed: 5);
        labels = ints.Select(l => (long)l).ToArray();
        return ImageSet.FromBytes(pixels, Size);
    }

    private static List<float> Train(Model model, ImageSet images, long[] labels, int steps, long seed)
    {
        using var trainer = new SgdStepper(model, new SgdOptions(0.05, 0.9, 5e-4), seed);
        var ids = Ids.Select(i => (long)i).ToArray();
        var losses = new List<float>();
        for (int s = 0; s < steps; s++)
        {
            int start = s * 16 % Count;
            losses.Add(trainer.Step(images, ids.AsSpan(start, 16), labels.AsSpan(start, 16), [], Augmentation.None).Loss);
        }
        return losses;
    }

    private static double MaxDifference(IReadOnlyList<float> a, IReadOnlyList<float> b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    [Theory]
    [InlineData(Architecture.ResNet18, true)]
    [InlineData(Architecture.Cnn4, true)]
    [InlineData(Architecture.Cnn4, false)]
    [InlineData(Architecture.SeNet8, true)]  // no folded plan: eager modules under autocast
    public void Bf16InferenceStaysWithinToleranceOfFp32ButIsReallyBf16(Architecture architecture, bool folded)
    {
        using var images = Images(out var labels);
        using var model = Model.Create(architecture, Classes, seed: 2);
        model.Precision = Precision.Fp32;
        Train(model, images, labels, steps: 6, seed: 3);
        model.FoldedInference = folded;
        var fp32 = model.Predict(images, Ids, batchSize: 16);
        model.Precision = Precision.Bf16;
        var bf16 = model.Predict(images, Ids, batchSize: 16);
        double moved = MaxDifference(fp32.Probabilities, bf16.Probabilities);
        Assert.True(moved <= Bf16ProbabilityTolerance, $"bf16 probabilities differ from fp32 by {moved:G3}");
        // Probabilities of a confident toy model can saturate at 0 and 1; the embeddings cannot hide the arithmetic.
        double embeddingsMoved = MaxDifference(fp32.Embeddings!, bf16.Embeddings!);
        double scale = Math.Max(1.0, fp32.Embeddings!.Max(Math.Abs));
        Assert.True(embeddingsMoved > 1e-4 * scale,
            $"bf16 embeddings equal fp32's (largest difference {embeddingsMoved:G3}): it did not run in bf16");
        Assert.True(embeddingsMoved <= Bf16EmbeddingTolerance * scale,
            $"bf16 embeddings differ from fp32 by {embeddingsMoved:G3} (largest {scale:G3})");
        output.WriteLine($"{architecture} folded={folded}: probabilities moved {moved:G3}, embeddings {embeddingsMoved:G3} of {scale:G3}");
        int agree = Enumerable.Range(0, Count).Count(i => fp32.ArgMax(i) == bf16.ArgMax(i));
        Assert.True(agree >= Count - 2, $"bf16 changed {Count - agree} of {Count} predicted classes");
        // Back to fp32: the plan folded in bf16 must not be reused.
        model.Precision = Precision.Fp32;
        Assert.Equal(fp32.Probabilities, model.Predict(images, Ids, batchSize: 16).Probabilities);
    }

    [Fact]
    public void Bf16TrainingLearnsKeepsFloat32WeightsAndDiffersFromFp32()
    {
        using var images = Images(out var labels);
        using var fp32 = Model.Create(Architecture.Cnn4, Classes, seed: 4);
        using var bf16 = Model.Create(Architecture.Cnn4, Classes, seed: 4);
        fp32.Precision = Precision.Fp32;
        bf16.Precision = Precision.Bf16;
        Train(fp32, images, labels, steps: 30, seed: 5);
        var losses = Train(bf16, images, labels, steps: 30, seed: 5);
        Assert.True(losses.TakeLast(3).Average() < 0.5 * losses.Take(3).Average(),
            $"bf16 training did not learn: loss {losses[0]:G3} -> {losses[^1]:G3}");
        Assert.NotEqual(fp32.Checksum(), bf16.Checksum());  // the same steps in fp32 give other weights
        var accuracy = Enumerable.Range(0, Count).Count(i => bf16.Predict(images, Ids, batchSize: 16).ArgMax(i) == labels[i]);
        Assert.True(accuracy >= Count * 0.9, $"bf16 model fits {accuracy} of {Count} toy images");

        // Weights stay float32: a checkpoint of the bf16-trained model loads strictly into an fp32 model and
        // predicts the same there as the bf16 model does in fp32.
        var path = Path.Combine(Path.GetTempPath(), $"wb-bf16-{Guid.NewGuid():N}.pt");
        try
        {
            bf16.Save(path);
            using var loaded = Model.Create(Architecture.Cnn4, Classes, seed: 9);
            loaded.Precision = Precision.Fp32;
            Assert.True(loaded.Load(path).IsComplete);
            Assert.Equal(bf16.Checksum(), loaded.Checksum());
            bf16.Precision = Precision.Fp32;
            Assert.Equal(bf16.Predict(images, Ids).Probabilities, loaded.Predict(images, Ids).Probabilities);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bf16PretrainingRunsAndDiffersFromFp32()
    {
        using var images = Images(out _);
        var ids = Ids.Select(i => (long)i).ToArray();
        double Checksum(Precision precision)
        {
            using var model = Model.Create(Architecture.Cnn4, Classes, seed: 6);
            model.Precision = precision;
            using var pretrainer = new ContrastiveStepper(model, new ContrastiveOptions(), new SgdOptions(0.05, 0.9, 5e-4), seed: 7);
            for (int s = 0; s < 3; s++)
                Assert.True(float.IsFinite(pretrainer.Step(images, ids.AsSpan(s * 16 % Count, 16)).Loss));
            return model.Checksum();
        }
        Assert.NotEqual(Checksum(Precision.Fp32), Checksum(Precision.Bf16));
    }
}
