using Workbench.Data;
using Workbench.Reproductions;
using Workbench.Loop;

namespace Workbench.Tests.Data;

public class SplitNameTests
{
    [Theory]
    [InlineData("paper", "paper", 0)]
    [InlineData(" Provided ", "provided", 0)]
    [InlineData("GROUPED", "grouped", 0)]
    [InlineData("stratified", "stratified", 0)]
    [InlineData("per-class-50", "per-class-50", 50)]
    [InlineData("Per_Class_7", "per-class-7", 7)]
    public void AValidNameParsesToItsCanonicalText(string typed, string value, int perClass)
    {
        var split = SplitName.Parse(typed);
        Assert.Equal(value, split.Value);
        Assert.Equal(perClass, split.TestPerClass);
        Assert.Equal(split, SplitName.Parse(split.Value));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("per-class-0")]
    [InlineData("per-class--3")]
    [InlineData("per-class-x")]
    [InlineData("per-class-")]
    [InlineData("")]
    public void AnUnknownNameIsOneLineNamingItAndTheValidOnes(string typed)
    {
        var error = Assert.Throws<ArgumentException>(() => SplitName.Parse(typed));
        Assert.Equal("split", error.ParamName);
        Assert.StartsWith($"Unknown split '{typed}'. Valid: paper, grouped, provided, stratified, per-class-<N>.", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void PaperDoesNotApplyToOwnDataAndTheDefaultIsPaper()
    {
        Assert.Null(SplitName.Problem("grouped", ownData: true));
        Assert.Equal("Split 'paper' does not apply to own data. Valid: provided, grouped, stratified, per-class-<N>.",
            SplitName.Problem("paper", ownData: true));
        Assert.Equal(SplitName.Paper, default);
        Assert.NotEqual(SplitName.PerClass(5), SplitName.PerClass(6));
    }

    [Fact]
    public void ConfigSplitsAreCheckedAsTheSplitsAreBuilt()
    {
        var config = Workbench.Config.Presets.Create("poster", "ssl", Workbench.Config.PresetProfile.Quick);
        var error = Assert.Throws<ArgumentException>(() => ExperimentDataProvider.CheckNames(config with { Split = "per-class-0" }));
        Assert.StartsWith("config field split: Unknown split 'per-class-0'", error.Message);
        Assert.Throws<ArgumentException>(() => ExperimentDataProvider.CheckNames(config with { DataSet = "folder:/nowhere", Split = "paper" }));
        ExperimentDataProvider.CheckNames(config with { DataSet = "folder:/nowhere", Split = "per-class-3" });
    }

    [Fact]
    public void APosterReproductionOnPbcRunsTheStratifiedSplitOnly()
    {
        Assert.Equal(["stratified"], PosterReproduction.CheckSplits("pbc", [" Stratified"]));
        Assert.Equal("--splits", Assert.Throws<ArgumentException>(() => PosterReproduction.CheckSplits("pbc", ["paper"])).ParamName);
        Assert.Throws<ArgumentException>(() => PosterReproduction.CheckSplits("pbc", ["stratified", "per-class-5"]));
        Assert.Equal(["paper", "fixed"], PosterReproduction.CheckSplits("bccd", ["paper", "fixed"]));
    }
}
