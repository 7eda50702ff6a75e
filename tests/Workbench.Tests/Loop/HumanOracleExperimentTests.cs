using Workbench.Config;
using Workbench.Data;
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Oracle;
using Workbench.Runs;

namespace Workbench.Tests.Loop;

/// <summary>Rounds that wait for a person: the queue in the run folder, answers, restarts, and data without truth or test labels.</summary>
public class HumanOracleExperimentTests
{
    /// <summary>A user's own data over the synthetic images: 2 given labels per class, the pool's classes unknown, no test part.</summary>
    private sealed class OwnSyntheticData(SyntheticProblem problem) : IExperimentData
    {
        private readonly int[] _labels = problem.Labels.Select((label, id) => id < 8 ? label : Sample.NoLabel).ToArray();
        public string Name => "own-synthetic";
        public ImageSet Images => problem.Images;
        public IReadOnlyList<int> Labels => _labels;
        public IReadOnlyList<string> ClassNames => problem.ClassNames;
        public IReadOnlyList<int> TrainIds => problem.TrainIds;
        public IReadOnlyList<int> TestIds => [];
        public IReadOnlyList<int>? GivenLabelledIds => Enumerable.Range(0, 8).ToArray();
        public string? ImagePath(int id) => $"/images/{id}.png";
    }

    private static ExperimentConfig Config(string recipe) => SyntheticProblem.Config(recipe, rounds: 2) with
    {
        Oracle = OracleKind.Human, PseudoLabelThreshold = 0.6, Budget = 6, MaxSteps = 20, PoolPerRound = 120,
    };

    // Runs the experiment in a fresh object each time, as separate `workbench run` invocations would.
    private static Experiment Run(ExperimentConfig config, IExperimentData data, string folder)
    {
        var experiment = new Experiment(config, data, RunStore.Open(folder, config), oracle: new HumanOracle(folder));
        experiment.Run();
        return experiment;
    }

    [Fact]
    public void ARoundWaitsForThePersonAndThenUsesExactlyTheirAnswers()
    {
        using var temp = new TempFolder();
        using var problem = SyntheticProblem.Create(trainCount: 200, testCount: 40, seed: 4);
        var config = Config("cst+al");
        var folder = temp.Sub("run");

        LabelQueue queue;
        using (var first = Run(config, problem, folder))
        {
            Assert.True(first.IsAwaitingLabels);
            Assert.False(first.IsFinished);
            Assert.Single(first.Results); // round 0 only
            queue = first.AwaitingQueue!;
        }
        Assert.Equal(1, queue.Round);
        Assert.Equal(6, queue.Items.Count(i => i.Kind == QueueItemKind.Query));
        Assert.Contains(queue.Items, i => i.Kind == QueueItemKind.Proposal);
        Assert.All(queue.Items, i => Assert.Equal(3, i.Top.Count));

        // Run again before answering: the same questions, nothing predicted again, still waiting.
        using (var again = Run(config, problem, folder))
        {
            Assert.True(again.IsAwaitingLabels);
            Assert.Equal(queue.Items.Select(i => i.SampleId), again.AwaitingQueue!.Items.Select(i => i.SampleId));
        }

        // The person: truth for queries, except one "cannot tell"; proposals: the first one corrected, one dropped, the rest as truth.
        var expected = new Dictionary<int, int?>();
        using (var session = LabelSession.Open(HumanOracle.QueueFolder(folder, 1)))
        {
            var proposals = queue.Items.Where(i => i.Kind == QueueItemKind.Proposal).ToList();
            foreach (var item in queue.Items)
            {
                int truth = problem.Labels[item.SampleId];
                QueueAnswer answer = item.QueueId == 1 || (proposals.Count > 1 && item == proposals[1]) ? new(AnswerKind.CannotTell, null)
                    : item == proposals[0] ? new(AnswerKind.Label, (item.ProposedLabel!.Value + 1) % 4)
                    : new(AnswerKind.Label, truth);
                session.Answer(item.QueueId, answer);
                expected[item.SampleId] = answer.Kind == AnswerKind.CannotTell ? null : answer.Label;
            }
        }

        using var resumed = Run(config, problem, folder);
        Assert.True(resumed.IsAwaitingLabels); // round 1 done, round 2 waits
        Assert.Equal(2, resumed.AwaitingQueue!.Round);
        var store = RunStore.OpenExisting(folder);
        var added = store.ReadAdded(1);
        Assert.Equal(expected.Where(p => p.Value is not null).OrderBy(p => p.Key).Select(p => (p.Key, p.Value!.Value)),
            added.OrderBy(a => a.Id).Select(a => (a.Id, a.Label)));
        Assert.All(added, a => Assert.Equal(a.Provenance == Provenance.ActiveLearning,
            queue.Items.Single(i => i.SampleId == a.Id).Kind == QueueItemKind.Query));
        var rejected = resumed.Labelled.Rejected.Where(r => r.Round == 1).Select(r => r.Id).Order();
        Assert.Equal(expected.Where(p => p.Value is null).Select(p => p.Key).Order(), rejected);

        var person = resumed.Results[1].Person!;
        Assert.Equal(6, person.Queries);
        Assert.Equal(queue.Items.Count - 6, person.Proposals);
        Assert.Equal(queue.Items.Count(i => i.Kind == QueueItemKind.Proposal) > 1 ? 2 : 1, person.CannotTell);
        Assert.True(person.Corrected >= 1);
        Assert.Null(store.ReadRounds()[0].Person); // round 0 asked nobody
    }

    [Fact]
    public void OwnDataWithoutTestLabelsRunsWithAPersonAndReportsNoTestMetrics()
    {
        using var temp = new TempFolder();
        using var problem = SyntheticProblem.Create(trainCount: 120, testCount: 8, seed: 6);
        var data = new OwnSyntheticData(problem);
        var config = Config("al");

        // Nobody knows the pool's classes: a simulated oracle cannot stand in for the person.
        var refused = Assert.Throws<ArgumentException>(() => new Experiment(config with { Oracle = OracleKind.Simulated }, data));
        Assert.Contains("only a person can give", refused.Message);
        Assert.Equal("oracle", refused.ParamName);

        var folder = temp.Sub("run");
        using (var first = Run(config, data, folder))
        {
            Assert.True(first.IsAwaitingLabels);
            Assert.False(first.Results[0].HasTest);
            Assert.Equal(8, first.Labelled.Count); // exactly the given labels; initialPerClass does not apply
            Assert.Equal("/images/" + first.AwaitingQueue!.Items[0].SampleId + ".png", first.AwaitingQueue.Items[0].Image);
            Assert.All(first.AwaitingQueue.Examples, e => Assert.Equal(2, e.Images.Count));
        }
        using (var session = LabelSession.Open(HumanOracle.QueueFolder(folder, 1)))
            foreach (var item in session.Queue.Items)
                session.Answer(item.QueueId, new QueueAnswer(AnswerKind.Label, item.Top[0].Label)); // agree with the model every time

        using var second = Run(config, data, folder);
        var round1 = second.Results[1];
        Assert.False(round1.HasTest);
        Assert.Equal(0, round1.Test.Confusion.Total);
        Assert.Equal(14, round1.Labelled.Counts.Total);
        Assert.Equal(1.0, round1.Person!.Agreement);
        Assert.All(RunStore.OpenExisting(folder).ReadAdded(1), a => Assert.Null(a.TrueLabel)); // no truth is invented
    }
}
