using Workbench.Config;
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Runs;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Runs;

/// <summary>
/// A run folder written before the restructure (flat 24-field rounds/&lt;n&gt;.json, "strategy" in config.json; made by the
/// code at commit 0bac5e3 with SyntheticProblem.Config("ssl+al", rounds: 2)) must still open, report and resume
/// without recomputing its rounds. The fixture holds no weights: the checkpoints are regenerated here.
/// </summary>
public class LegacyRunFolderTests
{
    private static readonly double[] Accuracies = [0.625, 0.91875, 0.76875];
    private static readonly int[] LabelledTotals = [8, 62, 354];

    internal static string CopyFixture(TempFolder temp)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Runs", "Fixtures", "legacy-run");
        string target = temp.Sub("legacy-run");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        var config = ExperimentConfigJson.Load(Path.Combine(target, "config.json"));
        Directory.CreateDirectory(Path.Combine(target, "checkpoints"));
        foreach (var name in new[] { "initial.pt", "round-0.pt", "round-2.pt" })
        {
            using var model = Model.Create(config.ParsedArchitecture(), 4, 1, "cpu");
            model.Save(Path.Combine(target, "checkpoints", name));
        }
        return target;
    }

    [Fact]
    public void OldRoundFilesAndConfigLoadWithTheirValues()
    {
        using var temp = new TempFolder();
        var store = RunStore.OpenExisting(CopyFixture(temp));
        Assert.Equal("ssl+al", store.Config.Recipe);
        Assert.Equal(SelectionOrder.QueriesFirst, store.Config.SelectionOrder);
        var rounds = store.ReadRounds();
        Assert.Equal(Accuracies, rounds.Select(r => r.Accuracy));
        Assert.Equal(LabelledTotals, rounds.Select(r => r.Labelled.Counts.Total));
        Assert.Equal(37, rounds[1].Test.Confusion[0, 0]);
        Assert.Equal(40, rounds[1].Test.Confusion.Support(0));
        Assert.Equal(["top-left", "top-right", "bottom-left", "bottom-right"], rounds[1].Test.ClassNames);
        Assert.Equal(30, rounds[1].Labelled.Added.TotalOf(Provenance.PseudoLabel));
        Assert.True(rounds[2].Training.Size > 0);
    }

    [Fact]
    public void AnOldFinishedRunResumesWithoutTrainingAndCanBeExtended()
    {
        using var temp = new TempFolder();
        string folder = CopyFixture(temp);
        using var problem = SyntheticProblem.Create();
        var config = SyntheticProblem.Config("ssl+al", rounds: 2);
        var phases = new List<ExperimentPhase>();
        var progress = new SynchronousProgress<ExperimentProgress>(p => phases.Add(p.Phase));
        using (var experiment = new Experiment(config, problem, RunStore.Open(folder, config), progress))
        {
            var results = experiment.Run();
            Assert.Equal(Accuracies, results.Select(r => r.Accuracy));
            Assert.DoesNotContain(ExperimentPhase.Train, phases);
        }

        // The rewritten files are today's layout and still read back.
        var extended = config with { Rounds = 3 };
        using (var experiment = new Experiment(extended, problem, RunStore.Open(folder, extended)))
        {
            var results = experiment.Run();
            Assert.Equal(4, results.Count);
            Assert.Equal(Accuracies, results.Take(3).Select(r => r.Accuracy));
        }
        var reread = RunStore.OpenExisting(folder).ReadRounds();
        Assert.Equal(4, reread.Count);
        Assert.Equal(Accuracies, reread.Take(3).Select(r => r.Accuracy));
        Assert.Contains("\"recipe\"", File.ReadAllText(Path.Combine(folder, "config.json")));
    }
}
