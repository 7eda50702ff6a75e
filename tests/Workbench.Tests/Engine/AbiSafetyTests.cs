// Tests of the C ABI's safety rules (workbench.h): a trainer co-owns its model, text
// out-parameters are never cut off silently, and bad runtime settings are reported.
using Workbench.Engine;

namespace Workbench.Tests.Engine;

public class AbiSafetyTests
{
    private static readonly long[] Ids = [0, 1, 2, 3];
    private static readonly long[] Labels = [0, 1, 2, 3];

    [Fact]
    public void DisposingTheModelBeforeItsStepperIsSafe()
    {
        // No managed reference defers the free: wb_model_free really runs first, and the trainer's native shared
        // ownership alone must keep the model's state alive and learning.
        var (pixels, _) = SyntheticImages.Make(4, 16, 4, seed: 1);
        using var images = ImageSet.FromBytes(pixels, 16);
        var model = Model.Create(Architecture.SmallCnn, 4, 0);
        var trainer = new SgdStepper(model, new SgdOptions(LearningRate: 0.05, WeightDecay: 0), 0);
        var handle = model.Handle;

        model.Dispose();
        Assert.True(handle.Released);
        var losses = Enumerable.Range(0, 5).Select(_ => trainer.Step(images, Ids, Labels, default, Augmentation.None).Loss).ToList();
        Assert.True(losses[^1] < losses[0], $"loss went from {losses[0]} to {losses[^1]}: the trainer is not training a live model");
        Assert.Throws<ObjectDisposedException>(() => model.Predict(images, [0, 1]));
        Assert.Throws<ObjectDisposedException>(() => new SgdStepper(model, new SgdOptions(), 0));

        trainer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => trainer.Step(images, Ids, Labels, default, Augmentation.None));
        trainer.Dispose();  // a second dispose is harmless and frees nothing twice
    }

    [Fact]
    public void DisposingTheModelBeforeItsPretrainerIsSafe()
    {
        var (pixels, _) = SyntheticImages.Make(8, 16, 4, seed: 2);
        using var images = ImageSet.FromBytes(pixels, 16);
        var model = Model.Create(Architecture.SmallCnn, 4, 0);
        using var pretrainer = new ContrastiveStepper(model, new ContrastiveOptions(), new SgdOptions(), 0);
        var handle = model.Handle;

        model.Dispose();
        Assert.True(handle.Released);
        for (int i = 0; i < 3; i++) Assert.True(float.IsFinite(pretrainer.Step(images, [0, 1, 2, 3, 4, 5, 6, 7]).Loss));
        Assert.Throws<ObjectDisposedException>(() => new ContrastiveStepper(model, new ContrastiveOptions(), new SgdOptions(), 0));
    }

    [Fact]
    public void TinyTextBuffersStillYieldTheWholeText()
    {
        using var model = Model.Create(Architecture.ResNet18, 4, 0);
        var names = model.StateNames();
        Assert.Equal(122, names.Count);
        Assert.Equal(names, model.StateNames(initialLength: 1));
        Assert.Equal(names, model.StateNames(initialLength: 10));

        var path = Path.Combine(Path.GetTempPath(), $"wb-small-{Guid.NewGuid():N}.pt");
        try
        {
            using (var small = Model.Create(Architecture.SmallCnn, 4, 0)) small.Save(path);
            var full = model.Load(path, strict: false);
            var fromTiny = model.Load(path, strict: false, initialLength: 3);
            Assert.NotEmpty(full.Unexpected);
            Assert.NotEmpty(full.Missing);
            Assert.Equal(full.ToString(), fromTiny.ToString());
            Assert.Equal(full.Missing, fromTiny.Missing);
            Assert.Equal(full.Unexpected, fromTiny.Unexpected);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public unsafe void NativeTextCallsReportTheSizeTheyNeed()
    {
        using var model = Model.Create(Architecture.SmallCnn, 4, 0);
        var full = string.Join("", model.StateNames().Select(n => n + "\n"));
        var buffer = new byte[8];
        long needed;
        fixed (byte* output = buffer)
            NativeMethods.Check(NativeMethods.wb_model_state_names(model.Handle, output, buffer.Length, out needed), "names");
        Assert.Equal(full.Length + 1, needed);
        Assert.Equal(full[..7] + "\0", System.Text.Encoding.UTF8.GetString(buffer));
        NativeMethods.Check(NativeMethods.wb_model_state_names(model.Handle, null, 0, out needed), "size query");
        Assert.Equal(full.Length + 1, needed);
    }

    [Fact]
    public void ThreadCountBelowOneIsAnError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Threads = 0);
        Assert.Equal(1, NativeMethods.wb_set_num_threads(0));
        Assert.Contains("thread count must be >= 1, got 0", NativeMethods.LastError());
        Assert.Equal(1, NativeMethods.wb_set_num_threads(-3));
    }
}
