namespace Workbench.Tests.Cli;

/// <summary>`run --stop-when-kappa` and `report --stopping` as a user runs them, on the tiny data root.</summary>
public sealed class CliStoppingTests(CliFixture cli) : IClassFixture<CliFixture>
{
    [Fact]
    public void ARunStopsWhenItsKappaRuleHoldsAndTheReportSaysWhereTheDefaultRuleWouldHave()
    {
        var output = cli.Folder("stop-kappa");
        var config = cli.WriteConfig(CliFixture.RunConfig(recipe: "al", rounds: 3, epochs: 1));
        // -1 is the lowest kappa: the rule holds as soon as its window of 2 rounds has kappas, after round 2 of 3.
        var run = CliFixture.Workbench(["run", "--config", config, "--out", output, "--stop-when-kappa", "-1", "--stop-kappa-window", "2",
            "--threads", "1", .. cli.DataOptions]);
        CliCommandTests.Expect(run, 0, "stop-set kappa", "stopped: the stop-set predictions stabilised: mean kappa", "over rounds 1-2 >= -1 (stopWhenKappa)");
        Assert.Equal(["0.json", "1.json", "2.json"], Directory.GetFiles(Path.Combine(output, "rounds")).Select(Path.GetFileName).Order());

        var report = CliFixture.Workbench(["report", output, "--stopping", "--stop-when-kappa", "-1", "--stop-kappa-window", "1"]);
        CliCommandTests.Expect(report, 0, "stop after round", "mean kappa over 1 rounds >= -1: 1 of 1 runs reach it; stopping there saves 1 rounds and 4 oracle labels");
    }

    [Fact]
    public void AKappaOutsideMinusOneToOneIsAUsageErrorNamingTheField()
    {
        var config = cli.WriteConfig(CliFixture.RunConfig(recipe: "al", rounds: 1, epochs: 1));
        CliCommandTests.Expect(CliFixture.Workbench(["run", "--config", config, "--out", cli.Folder("bad-kappa"), "--stop-when-kappa", "1.5",
            .. cli.DataOptions]), 1, "stopWhenKappa: must be a kappa in [-1, 1] or null, got 1.5");
    }
}
