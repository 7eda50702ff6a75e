using Workbench.Oracle;

namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class OracleTests
{
    private static readonly int[] Truth = Enumerable.Range(0, 20000).Select(i => i % 5).ToArray();

    [Fact]
    public void WithoutRejectsAnswersTheTruth()
    {
        var oracle = new SimulatedOracle(Truth);
        Assert.Equal(3, oracle.Label(3));
        Assert.Equal(2, oracle.Label(12));
        Assert.All(Enumerable.Range(0, 1000), id => Assert.NotNull(oracle.Label(id)));
    }

    [Fact]
    public void RejectRateOfOneRejectsEverything()
    {
        var oracle = new SimulatedOracle(Truth, rejectRate: 1);
        Assert.All(Enumerable.Range(0, 1000), id => Assert.Null(oracle.Label(id)));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void RejectsAboutTheGivenFraction(double rate)
    {
        var oracle = new SimulatedOracle(Truth, rate, seed: 4);
        double rejected = Enumerable.Range(0, Truth.Length).Count(id => oracle.Label(id) is null) / (double)Truth.Length;
        Assert.InRange(rejected, rate - 0.015, rate + 0.015);
    }

    [Fact]
    public void RejectionsAreDeterministicPerSeedAndOrderFree()
    {
        var a = new SimulatedOracle(Truth, 0.3, seed: 1);
        var b = new SimulatedOracle(Truth, 0.3, seed: 1);
        var c = new SimulatedOracle(Truth, 0.3, seed: 2);
        var forward = Enumerable.Range(0, 500).Select(a.Label).ToArray();
        var backward = Enumerable.Range(0, 500).Reverse().Select(b.Label).Reverse().ToArray();
        Assert.Equal(forward, backward);
        Assert.Equal(a.Label(17), a.Label(17));
        Assert.NotEqual(forward, Enumerable.Range(0, 500).Select(c.Label).ToArray());
    }

    [Fact]
    public void InvalidInputsNameTheField()
    {
        Assert.Equal("rejectRate", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedOracle(Truth, 1.5)).ParamName);
        Assert.Equal("rejectRate", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedOracle(Truth, -0.1)).ParamName);
        Assert.Equal("truth", Assert.Throws<ArgumentException>(() => new SimulatedOracle([0, -1])).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedOracle([0, 1]).Label(2)).ParamName);
    }

    [Fact]
    public void ReviewConfirmsCorrectsAndRejects()
    {
        var pseudoLabels = new SelectionResult([0, 1, 2], [0.99, 0.98, 0.995], [1, 1, 2], "test");
        var oracle = new ScriptedOracle(new Dictionary<int, int?> { [0] = 1, [1] = 0, [2] = null });
        var outcomes = ConfirmedSelfTraining.Review(pseudoLabels, oracle);

        Assert.Equal(
            new[]
            {
                new CstOutcome(0, 1, 1, CstVerdict.Confirmed),
                new CstOutcome(1, 1, 0, CstVerdict.Corrected),
                new CstOutcome(2, 2, null, CstVerdict.Rejected),
            },
            outcomes);
    }

    [Fact]
    public void ReviewWithSimulatedOracleMatchesTruth()
    {
        var pseudoLabels = new SelectionResult([10, 11], [0.99, 0.99], [0, 0], "test");
        var outcomes = ConfirmedSelfTraining.Review(pseudoLabels, new SimulatedOracle(Truth));
        Assert.Equal(CstVerdict.Confirmed, outcomes[0].Verdict); // 10 % 5 == 0
        Assert.Equal(CstVerdict.Corrected, outcomes[1].Verdict);
        Assert.Equal(1, outcomes[1].FinalLabel);
    }

    [Fact]
    public void ReviewNeedsProposedLabels()
    {
        var queries = new SelectionResult([1], [0.1], null, "AL");
        var e = Assert.Throws<ArgumentException>(() => ConfirmedSelfTraining.Review(queries, new SimulatedOracle(Truth)));
        Assert.Equal("pseudoLabels", e.ParamName);
    }

    [Fact]
    public void SelectionListsMustBeParallel()
    {
        Assert.Equal("Scores", Assert.Throws<ArgumentException>(() => new SelectionResult([1, 2], [0.5], null, "x")).ParamName);
        Assert.Equal("Labels", Assert.Throws<ArgumentException>(() => new SelectionResult([1], [0.5], [1, 2], "x")).ParamName);
    }

    private sealed class ScriptedOracle(IReadOnlyDictionary<int, int?> answers) : IOracle
    {
        public int? Label(int id) => answers[id];
    }
}
