using Workbench.Loop;
using Workbench.Runs;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Runs;

public class ExperimentRunnerTests
{
    [Fact]
    public void TheOutcomeSaysAfterWhichRoundARunResumed()
    {
        using var temp = new TempFolder();
        var config = SyntheticProblem.Config("ssl", rounds: 0) with { MaxSteps = 8 };
        string folder = temp.Sub("run");
        var first = ExperimentRunner.Run(config, folder, _ => SyntheticProblem.Create(trainCount: 80, testCount: 20, seed: 3));
        Assert.Null(first.ResumedAfterRound);
        var extended = ExperimentRunner.Run(config with { Rounds = 1 }, folder, _ => SyntheticProblem.Create(trainCount: 80, testCount: 20, seed: 3));
        Assert.Equal(0, extended.ResumedAfterRound);
        Assert.Equal([0, 1], extended.Results.Select(r => r.Round));
    }

    [Fact]
    public void APersonIsTheOracleOfOneProcessOnly()
    {
        var error = Assert.Throws<ArgumentException>(() => LoopRanks.RefusePersonOnRanks(personAsOracle: true, ranks: 2));
        Assert.Equal("oracle", error.ParamName);
        Assert.StartsWith("a person-as-oracle run (--oracle human", error.Message);
        LoopRanks.RefusePersonOnRanks(personAsOracle: true, ranks: 1);
        LoopRanks.RefusePersonOnRanks(personAsOracle: false, ranks: 4);
    }
}
