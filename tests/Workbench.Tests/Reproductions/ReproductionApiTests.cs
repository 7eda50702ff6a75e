using Workbench.Config;
using Workbench.Reproductions;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Reproductions;

/// <summary>The Reproduction API the CLI and the notebooks share: a tiny campaign on the synthetic problem.</summary>
public class ReproductionApiTests
{
    // The poster's arms over one seed, each turned into a quick config of the synthetic problem.
    private static Reproduction TinyPoster(string folder) => new("poster", PresetProfile.Quick, [0], folder,
        c => SyntheticProblem.Config(c.Recipe, rounds: 1) with
        {
            Seed = c.Seed, Split = c.Split, ActiveLearning = c.ActiveLearning, Budget = 8, MaxSteps = 10, PseudoLabelThreshold = 0.8,
        },
        splits: ["fixed"]);

    [Fact]
    public void ATinyCampaignRunsAndWritesWhatTheCliWrites()
    {
        using var temp = new TempFolder();
        using var problem = SyntheticProblem.Create(trainCount: 120, testCount: 40, seed: 2);
        var campaign = TinyPoster(temp.Sub("runs"));
        Assert.Equal(5, campaign.Plan.Count);  // ssl, al, ssl+al, and the random control of each AL recipe

        var report = campaign.Run(_ => problem.WithLabels(problem.Labels));

        Assert.Equal(5, report.Runs.Count);
        Assert.All(report.Runs, r => Assert.Equal(2, r.Rounds.Count));
        // Every arm of the seed starts from the same round 0 (shared, not retrained).
        Assert.Single(report.Runs.Select(r => r.Rounds[0].Accuracy).Distinct());
        Assert.Contains(report.Tidy, row => row.Strategy == "ssl+al" && row.Round == 1);
        var written = report.WriteTo(temp.Sub("out")).Select(Path.GetFileName).Order();
        Assert.Equal(["fixed-learning-curves.svg", "summary.csv", "summary.md", "tidy.csv"], written);
        // Not BCCD: the header names the data set (and the poster's BCCD numbers stay out of the table).
        Assert.StartsWith("# poster reproduction on synthetic, Quick profile (smallcnn, 16px, queries cluster-margin, init scratch), 1 seed(s)",
            File.ReadAllText(Path.Combine(temp.Sub("out"), "summary.md")));
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(temp.Sub("out"), "fixed-learning-curves.svg")));
        Assert.Equal(TidyResults.ToCsv(report.Tidy), File.ReadAllText(Path.Combine(temp.Sub("out"), "tidy.csv")));

        // Run again: every run is read back from its folder, with the same rounds.
        var again = campaign.Run(_ => problem.WithLabels(problem.Labels));
        Assert.Equal(report.Runs.Select(r => r.Rounds[^1].Accuracy), again.Runs.Select(r => r.Rounds[^1].Accuracy));
    }

    [Fact]
    public void ACampaignOfInvalidConfigsIsRefusedBeforeAnythingRuns()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<ArgumentException>(() => new Reproduction("poster", PresetProfile.Quick, [0], temp.Sub("runs"),
            c => c with { Rounds = -1 }));
        Assert.Equal("rounds", error.ParamName);
        Assert.False(Directory.Exists(temp.Sub("runs")));
        Assert.Throws<ArgumentException>(() => new Reproduction("no-such-protocol", PresetProfile.Quick, [0], temp.Sub("runs")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Reproduction("poster", PresetProfile.Quick, [], temp.Sub("runs")));
    }

    [Fact]
    public void APartHoldsWholeSplitAndSeedGroups()
    {
        using var temp = new TempFolder();
        var campaign = new Reproduction("bone-marrow", PresetProfile.Quick, [0, 1, 2], temp.Sub("runs"));
        var parts = Enumerable.Range(0, 2).Select(i => campaign.Part(i, 2)).ToList();
        Assert.Equal(campaign.Plan.Count, parts.Sum(p => p.Plan.Count));
        Assert.Empty(parts[0].Plan.Select(p => p.Config.Seed).Intersect(parts[1].Plan.Select(p => p.Config.Seed)));
    }
}
