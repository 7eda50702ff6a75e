using Workbench.Engine;

namespace Workbench.Tests.Engine;

/// <summary>The load report is what a user reads after giving a weights file: what loaded, what did not, and why.</summary>
public sealed class LoadReportTests
{
    [Fact]
    public void ATorchvisionHeadThatDoesNotFitIsNamedWithBothShapes()
    {
        var report = new LoadReport(120, [], [], ["fc.weight [1000, 512] [4, 512]", "fc.bias [1000] [4]"]);
        Assert.Equal(
            "loaded 120 of 122 tensors; fc.weight [1000, 512] and fc.bias [1000] do not fit this model (it has [4, 512] and [4]) and start random",
            report.ToString());
    }

    [Fact]
    public void MissingAndUnexpectedTensorsAreCountedAndSampled()
    {
        var report = new LoadReport(3, ["a", "b", "c", "d", "e", "f"], ["x"], ["w [2] [3]"]);
        Assert.Equal(
            "loaded 3 of 10 tensors; w [2] does not fit this model (it has [3]) and starts random; "
            + "6 tensors of the model are not in the file and start random: a, b, c, d and 2 more; "
            + "1 tensor of the file is not in the model and is ignored: x",
            report.ToString());
    }

    [Fact]
    public void ACompleteLoadSaysOnlyHowManyTensorsLoaded() =>
        Assert.Equal("loaded 122 of 122 tensors", new LoadReport(122, [], [], []).ToString());
}
