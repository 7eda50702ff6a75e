using Workbench.Config;
using Workbench.Records;
using Workbench.Reproductions;
using Workbench.Runs;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Records;

/// <summary>
/// FixMatch arms beside the poster's: their round 0 is their own (never the shared baseline, never copied from another arm),
/// fixmatch is read at round 0 and fixmatch+al at its last round, and their per-epoch pseudo-label counts survive the records.
/// </summary>
public class FixMatchArmsTests
{
    private static Reproduction Campaign(string folder) => new("poster", PresetProfile.Quick, [0, 1], folder,
        c => SyntheticProblem.Config(c.Recipe, rounds: 1) with
        {
            Seed = c.Seed, Split = c.Split, ActiveLearning = c.ActiveLearning, Budget = 8, MaxSteps = 10, PseudoLabelThreshold = 0.3,
            Consistency = new() { Threshold = 0.5, UnlabelledRatio = 1 },
        },
        splits: ["fixed"], recipes: PosterReproduction.ParseRecipes("ssl,al,fixmatch,fixmatch+al"));

    [Fact]
    public void FixMatch_arms_have_their_own_round_0_and_are_compared_where_they_end()
    {
        using var temp = new TempFolder();
        using var problem = SyntheticProblem.Create(trainCount: 120, testCount: 40, seed: 2);
        var campaign = Campaign(temp.Sub("runs"));
        // FixMatch's runs first: a baseline picked as "any run of the seed" would be theirs.
        var runs = campaign.Run(_ => problem.WithLabels(problem.Labels)).Runs.OrderBy(r => r.SharesBaseline).ToList();

        var fixmatch = runs.Where(r => r.Recipe == "fixmatch").ToList();
        Assert.All(fixmatch, r => Assert.Single(r.Rounds));
        Assert.All(runs.Where(r => r.Recipe.StartsWith("fixmatch", StringComparison.Ordinal)), r =>
        {
            Assert.False(r.SharesBaseline);
            Assert.NotNull(r.Rounds[0].Training.Consistency);
        });
        Assert.All(runs.Where(r => r.SharesBaseline), r => Assert.Null(r.Rounds[0].Training.Consistency));
        // The baseline of a seed is a supervised round 0, whichever arm ran first.
        Assert.All(ReproductionRun.Baselines(runs), r => Assert.True(r.SharesBaseline));

        var plan = HeadlineComparisons.Plan(runs).Select(c => c.Name).ToList();
        Assert.Contains("fixed: fixmatch − baseline (round 0)", plan);
        Assert.Contains("fixed: fixmatch+al − baseline (round 1)", plan);
        Assert.Contains("fixed: fixmatch+al (round 1) − fixmatch (round 0)", plan);
        Assert.Contains("fixed: fixmatch+al − al (round 1)", plan);
        Assert.Contains("fixed: fixmatch+al − fixmatch+al (random) (round 1)", plan);
        Assert.Contains("fixed: ssl − baseline (round 1)", plan);

        // fixmatch − baseline pairs each seed's fixmatch round 0 with that seed's supervised round 0.
        var family = HeadlineComparisons.OverSeeds(runs);
        var versusBaseline = family.Comparisons.Single(c => c.Name == "fixed: fixmatch − baseline (round 0)");
        var baselines = ReproductionRun.Baselines(runs).ToDictionary(r => r.Seed);
        double expected = fixmatch.Average(r => r.Rounds[0].Accuracy - baselines[r.Seed].Rounds[0].Accuracy);
        Assert.Equal(expected, versusBaseline.Estimate, 12);
    }

    [Fact]
    public void A_fixmatch_round_0_is_never_copied_from_a_supervised_one()
    {
        var ssl = SyntheticProblem.Config("ssl");
        Assert.False(RoundZeroDonor.ShareRoundZero(ssl, ssl with { Recipe = "fixmatch" }));
        Assert.True(RoundZeroDonor.ShareRoundZero(ssl with { Recipe = "fixmatch" }, ssl with { Recipe = "fixmatch+al" }));
    }

    [Fact]
    public void Per_epoch_pseudo_label_counts_survive_the_records_and_edits_are_refused()
    {
        using var temp = new TempFolder();
        using var problem = SyntheticProblem.Create(trainCount: 120, testCount: 40, seed: 2);
        var campaign = Campaign(temp.Sub("runs"));
        var runs = campaign.Run(_ => problem.WithLabels(problem.Labels)).Runs;
        var info = new ReproductionInfo("poster", "quick", problem.ClassNames, campaign.Plan[0].Config, 1, 2, "test machine, fp32", 0, 0);
        var folder = temp.Sub("results/poster-quick");
        ReproductionRecords.Write(folder, info, runs, campaign.RunFolder, []);
        var read = ReproductionRecords.Read(folder, campaign.RunFolder);
        foreach (var (a, b) in runs.Zip(read.Runs.Select(r => r.Run)))
            foreach (var (x, y) in a.Rounds.Zip(b.Rounds))
            {
                Assert.Equal(x.Training.Consistency is null, y.Training.Consistency is null);
                if (x.Training.Consistency is not { } epochs) continue;
                Assert.Equal(epochs.Select(e => (e.Epoch, e.Seen, e.UnlabelledLoss)), y.Training.Consistency!.Select(e => (e.Epoch, e.Seen, e.UnlabelledLoss)));
                Assert.Equal(epochs.SelectMany(e => e.MaskedByClass.Concat(e.CheckedByClass).Concat(e.CorrectByClass)),
                    y.Training.Consistency!.SelectMany(e => e.MaskedByClass.Concat(e.CheckedByClass).Concat(e.CorrectByClass)));
            }

        // The report says what the threshold let through, per FixMatch arm, from the records alone.
        var report = RecordsReport.Of(read, new Workbench.Metrics.ClusterBootstrapOptions(Resamples: 100));
        Assert.Contains("## FixMatch: what the threshold let through", report.Markdown);
        var written = report.WriteTo(folder);
        var table = File.ReadAllLines(Assert.Single(written, f => f.EndsWith("fixmatch-pseudo-labels.csv", StringComparison.Ordinal)));
        Assert.Contains(table, l => l.StartsWith("fixed,fixmatch,0,2,", StringComparison.Ordinal));
        Assert.Contains(table, l => l.StartsWith("fixed,fixmatch+al,1,2,", StringComparison.Ordinal));
        Assert.DoesNotContain(table, l => l.StartsWith("fixed,ssl,", StringComparison.Ordinal));

        var path = Path.Combine(folder, ReproductionRecords.RecordsFile);
        var lines = File.ReadAllLines(path);
        int column = Array.IndexOf(lines[0].Split(','), "fixmatch_mask_rate");
        int row = Array.FindIndex(lines, l => l.Split(',')[column] != "" && l != lines[0]);
        var edited = lines[row].Split(',');
        edited[column] = "0.123";
        lines[row] = string.Join(",", edited);
        File.WriteAllLines(path, lines);
        Assert.Contains("fixmatch_mask_rate", Assert.Throws<InvalidDataException>(() => ReproductionRecords.Read(folder)).Message);
    }
}
