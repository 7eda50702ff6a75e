using Workbench.Engine;

namespace Workbench.Tests.Engine;

public class EngineErrorTests
{
    [Fact]
    public void LabelOutsideTheClassesIsAnEngineException()
    {
        var (pixels, _) = SyntheticImages.Make(4, 16, 4, seed: 1);
        using var images = ImageSet.FromBytes(pixels, 16);
        using var model = Model.Create(Architecture.SmallCnn, 4, 0);
        using var trainer = new SgdStepper(model, new SgdOptions(), 0);
        var error = Assert.Throws<EngineException>(() =>
            trainer.Step(images, [0L, 1L], [0L, 4L], default, Augmentation.None));
        Assert.Contains("label out of range", error.Message);
    }

    [Fact]
    public void ImageIndexOutsideTheSetIsAnEngineException()
    {
        var (pixels, _) = SyntheticImages.Make(4, 16, 4, seed: 1);
        using var images = ImageSet.FromBytes(pixels, 16);
        using var model = Model.Create(Architecture.SmallCnn, 4, 0);
        var error = Assert.Throws<EngineException>(() => model.Predict(images, [0, 9]));
        Assert.Contains("index out of range", error.Message);
    }

    [Fact]
    public void WrongShapesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ImageSet.FromBytes(new byte[100], 16));
        var (pixels, _) = SyntheticImages.Make(4, 16, 4, seed: 1);
        using var images = ImageSet.FromBytes(pixels, 16);
        using var model = Model.Create(Architecture.SmallCnn, 4, 0);
        using var trainer = new SgdStepper(model, new SgdOptions(), 0);
        Assert.Throws<ArgumentException>(() => trainer.Step(images, [0L, 1L], [0L], default, Augmentation.None));
        Assert.Throws<ArgumentException>(() => trainer.Step(images, [0L, 1L], [0L, 1L], [1f, 1f], Augmentation.None));
        var single = Assert.Throws<EngineException>(() => trainer.Step(images, [0L], [0L], default, Augmentation.None));
        Assert.Contains("at least 2", single.Message);
    }

    [Fact]
    public void BadConstructionArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.Create(Architecture.SmallCnn, 1, 0));
        Assert.Throws<ArgumentException>(() => ArchitectureNames.Parse("vgg"));
        var device = Assert.Throws<EngineException>(() => Model.Create(Architecture.SmallCnn, 4, 0, "tpu"));
        Assert.Contains("tpu", device.Message, StringComparison.OrdinalIgnoreCase);
        using var model = Model.Create(Architecture.SmallCnn, 4, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SgdStepper(model, new SgdOptions(LearningRate: 0), 0));
    }

    [Fact]
    public void CopyingBetweenDifferentArchitecturesFails()
    {
        using var small = Model.Create(Architecture.SmallCnn, 4, 0);
        using var senet = Model.Create(Architecture.SeNet8, 4, 0);
        Assert.Throws<EngineException>(() => small.CopyFrom(senet));
    }
}
