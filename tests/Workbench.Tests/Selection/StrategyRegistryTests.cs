using Microsoft.CodeAnalysis.CSharp.Scripting;
using Workbench.Common;
using Workbench.Config;
using Workbench.Loop;
using Workbench.Runs;
using Workbench.Scoring;
using Workbench.Selection;
using Workbench.Tests.Loop;
using Workbench.Tests.Runs;

namespace Workbench.Tests.Selection;

/// <summary>
/// A strategy registered from code is a strategy like the built-ins: it is validated, listed, run by the loop and
/// recorded (name + source hash) in its run folder, which refuses to resume on changed code. Names are unique per test
/// because the registry is one per process.
/// </summary>
public class StrategyRegistryTests
{
    private static string UniqueName(string stem) => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 9)];

    // The "idea" under test: the highest candidate ids first, which no built-in would choose.
    private static SelectionResult HighestIds(SelectionContext context, StrategySettings settings, List<int>? chosen = null, bool highest = true)
    {
        var ids = (highest ? context.CandidateIds.OrderDescending() : context.CandidateIds.Order()).Take(settings.Budget).ToArray();
        chosen?.AddRange(ids);
        return new SelectionResult(ids, ids.Select(id => (double)id).ToArray(), null, "highest ids");
    }

    private static ExperimentConfig AlConfig(string strategy) =>
        SyntheticProblem.Config("al", rounds: 1) with { MaxSteps = 5, ActiveLearning = strategy, Budget = 5 };

    [Fact]
    public void AFunctionRegisteredFromCodeRunsThroughAnExperimentRoundAndItsQueriesAreTheOnesAsked()
    {
        string name = UniqueName("highest");
        var chosen = new List<int>();
        SelectionStrategies.Register(name, (context, settings) => HighestIds(context, settings, chosen));
        using var data = SyntheticProblem.Create(trainCount: 60, testCount: 20, seed: 11);
        using var folder = new TempFolder();
        var config = AlConfig(name);
        using var experiment = new Experiment(config, data, RunStore.Open(folder.Path, config));
        var results = experiment.Run();

        Assert.Equal(2, results.Count);
        Assert.Equal(5, chosen.Count);
        var asked = experiment.Labelled.Samples.Where(s => s.Provenance == Provenance.ActiveLearning).Select(s => s.Id).Order();
        Assert.Equal(chosen.Order(), asked);
        Assert.Equal(chosen.Order(), experiment.Store!.ReadAdded(1).Select(a => a.Id).Order());
        var record = Assert.Single(experiment.Store.ReadStrategies()!);
        Assert.Equal((StrategyRole.Query, name), (record.Role, record.Name));
        Assert.Matches("^[0-9a-f]{64}$", record.SourceHash);
    }

    [Fact]
    public void ADuplicateOfABuiltInNameIsRefusedNamingIt()
    {
        var strategy = Assert.Throws<ArgumentException>(() => SelectionStrategies.Register("Cluster_Margin", (c, s) => HighestIds(c, s)));
        Assert.Contains("'cluster-margin' is a built-in query strategy", strategy.Message);
        Assert.IsType<ClusterMarginSelection>(SelectionStrategies.Create("cluster-margin"));
        var scorer = Assert.Throws<ArgumentException>(() => Scorers.Register(new MarginScorer()));
        Assert.Contains("'margin' is a built-in scorer", scorer.Message);

        // A researcher's own name may be registered again: re-running the notebook cell that defines it.
        string name = UniqueName("again");
        SelectionStrategies.Register(name, (c, s) => HighestIds(c, s));
        SelectionStrategies.Register(name, (c, s) => HighestIds(c, s, highest: false));
        Assert.Single(SelectionStrategies.Names, n => n == name);
    }

    [Fact]
    public void ConfigValidationAcceptsARegisteredQueryNameAndListsIt()
    {
        string query = UniqueName("mine");
        string proposal = UniqueName("proposer");
        Assert.Contains(AlConfig(query).Problems(), p => p.Field == "activeLearning");
        SelectionStrategies.Register(query, (c, s) => HighestIds(c, s));
        SelectionStrategies.Register(proposal, (c, s) => HighestIds(c, s), StrategyRole.Proposal);

        Assert.DoesNotContain(AlConfig(query).Problems(), p => p.Field == "activeLearning");
        Assert.Contains(query, SelectionStrategies.QueryNames);
        Assert.DoesNotContain(proposal, SelectionStrategies.QueryNames);
        Assert.Contains(proposal, SelectionStrategies.ProposalNames);
        var unknown = Assert.Single(AlConfig("batchbald").Problems(), p => p.Field == "activeLearning");
        Assert.Contains(query, unknown.Message);
        Assert.Contains("cluster-margin", unknown.Message);
        var notAQuery = Assert.Single(AlConfig(proposal).Problems(), p => p.Field == "activeLearning");
        Assert.Contains("proposes labels", notAQuery.Message);
    }

    [Fact]
    public void AResumeAfterTheStrategysCodeChangedIsRefusedNamingIt()
    {
        string name = UniqueName("changing");
        SelectionStrategies.Register(name, (c, s) => HighestIds(c, s));
        using var data = SyntheticProblem.Create(trainCount: 60, testCount: 20, seed: 11);
        using var folder = new TempFolder();
        var config = AlConfig(name);
        using (var first = new Experiment(config, data, RunStore.Open(folder.Path, config))) first.Run();
        string stored = File.ReadAllText(Path.Combine(folder.Path, "strategies.json"));

        // The same code re-registered (a notebook re-run) resumes; one changed constant does not.
        SelectionStrategies.Register(name, (c, s) => HighestIds(c, s));
        using (var same = new Experiment(config, data, RunStore.Open(folder.Path, config))) Assert.Equal(2, same.Run().Count);
        var openedBefore = RunStore.Open(folder.Path, config);
        string configJson = File.ReadAllText(Path.Combine(folder.Path, "config.json"));
        SelectionStrategies.Register(name, (c, s) => HighestIds(c, s, highest: false));
        var error = Assert.Throws<StrategyChangedException>(() => RunStore.Open(folder.Path, config with { Rounds = 2 }));
        Assert.Contains($"query strategy '{name}' has changed", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(configJson, File.ReadAllText(Path.Combine(folder.Path, "config.json")));
        var viaExperiment = Assert.Throws<StrategyChangedException>(() => new Experiment(config, data, openedBefore));
        Assert.Equal(name, viaExperiment.Stored.Name);
        Assert.Equal(stored, File.ReadAllText(Path.Combine(folder.Path, "strategies.json")));
    }

    [Fact]
    public void AnOldRunFolderWithoutSourceHashesResumesAndRecordsThem()
    {
        using var temp = new TempFolder();
        string folder = LegacyRunFolderTests.CopyFixture(temp);
        Assert.False(File.Exists(Path.Combine(folder, "strategies.json")));
        using var problem = SyntheticProblem.Create();
        var config = SyntheticProblem.Config("ssl+al", rounds: 2);
        using (var experiment = new Experiment(config, problem, RunStore.Open(folder, config)))
            Assert.Equal(3, experiment.Run().Count);
        var records = RunStore.OpenExisting(folder).ReadStrategies();
        Assert.NotNull(records);
        Assert.Equal([(StrategyRole.Proposal, "pseudo-label"), (StrategyRole.Query, "cluster-margin")], records.Select(r => (r.Role, r.Name)));
    }

    // A measure of one's own: the probability of class 0, lower = more uncertain (any order the tests can predict).
    private sealed class FirstClassScorer(string name) : IScorer
    {
        public string Name => name;
        public bool HigherIsMoreUncertain => false;
        public double[] Score(Workbench.Engine.Predictions predictions) => [.. Enumerable.Range(0, predictions.Count).Select(i => (double)predictions.Row(i)[0])];
    }

    [Fact]
    public void AScorerRegisteredFromCodeIsAcceptedByNameByStrategiesAndConfigs()
    {
        string name = UniqueName("first-class");
        Assert.Contains((SyntheticProblem.Config("al") with { QueryScorer = name }).Problems(), p => p.Field == "topKScorer");
        Scorers.Register(new FirstClassScorer(name));
        Assert.DoesNotContain((SyntheticProblem.Config("al") with { QueryScorer = name }).Problems(), p => p.Field == "topKScorer");
        var topK = SelectionStrategies.Create("top-k", new Dictionary<string, string> { ["scorer"] = name, ["budget"] = "2" });
        var pool = Workbench.Engine.Predictions.FromRows([[0.9f, 0.1f], [0.2f, 0.8f], [0.5f, 0.5f]]);
        Assert.Equal([11, 12], topK.Select(pool, [10, 11, 12], seed: 0).Ids);
        Assert.NotEqual(StrategySource.Hash(topK), StrategySource.Hash(SelectionStrategies.Create("top-k")));
    }

    [Fact]
    public async Task SourceHashesFollowCodeNotParametersNorTheBuild()
    {
        string Hash(string name, params (string, string)[] parameters) =>
            StrategySource.Hash(SelectionStrategies.Create(name, parameters.ToDictionary(p => p.Item1, p => p.Item2)));
        Assert.Equal(Hash("cluster-margin"), Hash("cluster-margin", ("budget", "7")));
        Assert.NotEqual(Hash("cluster-margin"), Hash("cluster-margin", ("scorer", "entropy")));
        Assert.NotEqual(Hash("random"), Hash("core-set"));
        Assert.Equal(CodeHash.Of(typeof(RandomSelection)), CodeHash.Of(typeof(RandomSelection)));

        // Two compilations of one source (notebook cells 0 and 1) hash alike; an edited body does not.
        const string Source = "public class Pick { public int[] Of(int[] ids) => ids.OrderDescending().Take(BUDGET).ToArray(); }";
        var options = Microsoft.CodeAnalysis.Scripting.ScriptOptions.Default.AddReferences(typeof(Enumerable).Assembly).AddImports("System.Linq");
        var cell0 = await CSharpScript.RunAsync<Type>(Source.Replace("BUDGET", "3") + " typeof(Pick)", options);
        var cell1 = await cell0.ContinueWithAsync<Type>(Source.Replace("BUDGET", "3") + " typeof(Pick)");
        var cell2 = await cell1.ContinueWithAsync<Type>(Source.Replace("BUDGET", "4") + " typeof(Pick)");
        Assert.NotEqual(cell0.ReturnValue, cell1.ReturnValue);
        Assert.Equal(CodeHash.Of(cell0.ReturnValue), CodeHash.Of(cell1.ReturnValue));
        Assert.NotEqual(CodeHash.Of(cell1.ReturnValue), CodeHash.Of(cell2.ReturnValue));
    }
}
