using Workbench.Config;
using Workbench.Metrics;
using Workbench.Records;
using Workbench.Reproductions;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Records;

/// <summary>
/// The committed per-seed records: a tiny campaign on the synthetic problem is recorded, read back, and every table made
/// from the records must equal the table made from the runs, digit for digit; tampered or incomplete records are refused.
/// </summary>
public class RecordsTests
{
    private static Reproduction TinyPoster(string folder) => new("poster", PresetProfile.Quick, [0, 1], folder,
        c => SyntheticProblem.Config(c.Recipe, rounds: 1) with
        {
            Seed = c.Seed, Split = c.Split, ActiveLearning = c.ActiveLearning, Budget = 8, MaxSteps = 10, PseudoLabelThreshold = 0.3,
        },
        splits: ["fixed"]);

    // Test images grouped into "cells" of up to 4 images of one class, as BCCD's TEST folder groups augmentations of a cell.
    private static TestCells CellsOf(SyntheticProblem problem)
    {
        var byImage = problem.TestIds.Select((id, i) => (Label: problem.Labels[id], Position: i)).ToList();
        var cellOfImage = new int[byImage.Count];
        var cells = new List<TestCell>();
        foreach (var group in byImage.GroupBy(x => x.Label).OrderBy(g => g.Key))
            foreach (var chunk in group.Chunk(4))
            {
                foreach (var x in chunk) cellOfImage[x.Position] = cells.Count;
                cells.Add(new TestCell(cells.Count, group.Key, chunk.Length, $"cell-{cells.Count}"));
            }
        return new TestCells("fixed", cells, cellOfImage);
    }

    private sealed record Recorded(ReproductionReport FromRuns, ReproductionRecords Read, string Folder, TestCells Cells);

    private static Recorded Record(TempFolder temp)
    {
        using var problem = SyntheticProblem.Create(trainCount: 120, testCount: 40, seed: 2);
        var campaign = TinyPoster(temp.Sub("runs"));
        var report = campaign.Run(_ => problem.WithLabels(problem.Labels));
        var cells = CellsOf(problem);
        var info = new ReproductionInfo("poster", "quick", problem.ClassNames, campaign.Plan[0].Config, 12.5, 2, "test machine, fp32", 30, 1);
        var folder = temp.Sub("results/poster-quick");
        ReproductionRecords.Write(folder, info, report.Runs, campaign.RunFolder, [cells]);
        var read = ReproductionRecords.Read(folder, campaign.RunFolder);
        var fromRuns = ReproductionReport.Of("poster", PresetProfile.Quick, campaign.Plan[0].Config, report.Runs, problem.ClassNames,
            TimeSpan.Zero, 2);
        return new Recorded(fromRuns, read, folder, cells);
    }

    [Fact]
    public void EveryTableRebuiltFromTheRecordsEqualsTheTableFromTheRuns()
    {
        using var temp = new TempFolder();
        var (fromRuns, read, folder, cells) = Record(temp);
        var rebuilt = RecordsReport.Of(read, new ClusterBootstrapOptions(Resamples: 200));

        Assert.Equal(10, read.Runs.Count);
        // The header says what its time figures sum: round time over the runs, the wall span, the pretraining.
        Assert.Contains("min of round time summed over the 10 runs (worker time, a round 0 shared by the arms of a seed counted once, "
            + "2 cores, test machine, fp32), within 0.2 min of wall time", rebuilt.Header);
        // 5 arms per seed share one trained round 0: counted once per seed, not five times.
        var runs = read.Runs.Select(r => r.Run).ToList();
        double everyRound = runs.Sum(r => r.Rounds.Sum(x => x.Seconds.Total));
        double copies = runs.GroupBy(r => r.Seed).Sum(g => (g.Count() - 1) * g.First().Rounds[0].Seconds.Total);
        Assert.Equal(5, runs.Count(r => r.Seed == 0));
        Assert.Equal(everyRound - copies, ReproductionInfo.WorkerSeconds(runs), 6);
        Assert.Contains("SimCLR pretraining before the runs: 0.5 min summed over 1 checkpoints", rebuilt.Header);
        Assert.Equal(fromRuns.Markdown, rebuilt.Report.Markdown);
        Assert.Equal(TidyResults.ToCsv(fromRuns.Tidy), TidyResults.ToCsv(rebuilt.Report.Tidy));
        Assert.Equal(fromRuns.Summary.ToCsv(), rebuilt.Report.Summary.ToCsv());
        Assert.Equal(fromRuns.Comparison.ToCsv(), rebuilt.Report.Comparison.ToCsv());
        // Round by round, the rebuilt rounds carry every field the tables read (pseudo-labels were added, so their precision is read too).
        Assert.Contains(fromRuns.Runs.SelectMany(r => r.Rounds), x => x.Labelled.PseudoLabelPrecision is > 0 and < 1);
        foreach (var (a, b) in fromRuns.Runs.Zip(read.Runs.Select(r => r.Run)))
            foreach (var (x, y) in a.Rounds.Zip(b.Rounds))
            {
                Assert.Equal(x.Test.Confusion, y.Test.Confusion);
                Assert.Equal(x.Labelled.Counts.ByClass, y.Labelled.Counts.ByClass);
                Assert.Equal(x.Labelled.Added.ActiveLearning, y.Labelled.Added.ActiveLearning);
                Assert.Equal(x.Labelled.PseudoLabelPrecision, y.Labelled.PseudoLabelPrecision);
                Assert.Equal(x.Training.ClassWeights, y.Training.ClassWeights);
                Assert.Equal(x.Seconds, y.Seconds);
                Assert.Equal(x.StopSetKappa, y.StopSetKappa);
            }
        Assert.Contains(fromRuns.Runs.SelectMany(r => r.Rounds), x => x.StopSetKappa is not null);
        // Records written before the stop_set_kappa column existed (the last column) still read, as rounds without a kappa.
        var path = Path.Combine(folder, ReproductionRecords.RecordsFile);
        var lines = File.ReadAllLines(path);
        Assert.EndsWith(",stop_set_kappa", lines[0]);
        File.WriteAllLines(path, lines.Select(line => line[..line.LastIndexOf(',')]));
        var legacy = ReproductionRecords.Read(folder, temp.Sub("runs"));
        Assert.All(legacy.Runs.SelectMany(r => r.Run.Rounds), x => Assert.Null(x.StopSetKappa));
        Assert.Equal(read.Runs.SelectMany(r => r.Run.Rounds).Select(x => x.Accuracy), legacy.Runs.SelectMany(r => r.Run.Rounds).Select(x => x.Accuracy));
        Assert.All(StoppingReport.Of(legacy).Where(row => row.LastRound > 0), row => Assert.StartsWith("no stop-set kappa recorded", row.Note));
        // The per-cell counts add up to the per-image accuracy of the same round.
        foreach (var run in read.Runs)
            for (int r = 0; r < run.Run.Rounds.Count; r++)
                Assert.Equal(run.Run.Rounds[r].Accuracy, cells.Accuracy(run.CorrectByCell[r]!).PerImage, 12);
    }

    [Fact]
    public void TheStatedFamilyIsPlannedFromTheArmsAndHolmAdjusted()
    {
        using var temp = new TempFolder();
        var (_, read, _, _) = Record(temp);
        var runs = read.Runs.Select(r => r.Run).ToList();
        var planned = HeadlineComparisons.Plan(runs).Select(c => c.Name).ToList();
        Assert.Equal([
            "fixed: al − baseline (round 1)", "fixed: ssl − baseline (round 1)", "fixed: ssl+al − baseline (round 1)",
            "fixed: al − al (random) (round 1)", "fixed: ssl+al − ssl+al (random) (round 1)",
            "fixed: ssl+al − al (round 1)", "fixed: ssl+al − ssl (round 1)",
        ], planned);
        var family = HeadlineComparisons.OverSeeds(runs);
        Assert.Equal(7, family.Comparisons.Count);
        // Holm: the adjusted p is never below the raw one, and what survives is what its adjusted p says.
        Assert.All(family.Comparisons.Where(c => !double.IsNaN(c.P)), c => Assert.True(c.AdjustedP >= c.P));
        Assert.All(family.Comparisons, c => Assert.Equal(c.AdjustedP <= 0.05, c.Survives));
        // The ssl − baseline pair recomputed by hand from the records: round 1 of each seed minus its round 0.
        var ssl = runs.Where(r => r.Arm == "ssl").OrderBy(r => r.Seed).ToList();
        var expected = ssl.Average(r => r.Rounds[1].Accuracy - r.Rounds[0].Accuracy);
        Assert.Equal(expected, family.Comparisons.Single(c => c.Name.StartsWith("fixed: ssl − baseline", StringComparison.Ordinal)).Estimate, 12);
        var cells = HeadlineComparisons.OverCells(read, CellMetric.PerImage, new ClusterBootstrapOptions(Resamples: 200));
        Assert.NotNull(cells);
        // On cells the estimate is the same mean difference (per image), the interval from the cluster bootstrap.
        Assert.Equal(expected, cells.Comparisons.Single(c => c.Name.StartsWith("fixed: ssl − baseline", StringComparison.Ordinal)).Estimate, 12);
        // The forest plot shows both families, row for row, in percentage points and in the colour of the arm measured.
        var forest = ComparisonForest.Of([family, cells], runs);
        Assert.Equal([family.Name, cells.Name], forest.Groups.Select(g => g.Name));
        Assert.Equal(family.Comparisons.Select(c => (c.Name, 100 * c.Estimate, 100 * c.Low, 100 * c.High, c.Survives)),
            forest.Groups[0].Rows.Select(r => (r.Label, r.Estimate, r.Low, r.High, r.Highlighted)));
        Assert.Equal(["al", "ssl", "ssl+al", "al", "ssl+al", "ssl+al", "ssl+al"], forest.Groups[0].Rows.Select(r => r.Strategy));
    }

    [Fact]
    public void ReportWritesEveryFileAndTheIndexFromTheRecordsAlone()
    {
        using var temp = new TempFolder();
        var (_, _, folder, _) = Record(temp);
        Directory.Delete(temp.Sub("runs"), recursive: true);  // nothing but the records is needed
        var index = ResultsIndex.Rebuild(temp.Sub("results"), new ClusterBootstrapOptions(Resamples: 200));
        Assert.Equal([folder], index.Folders);
        var names = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["README.md", "cells-summary.csv", "cells.csv", "comparisons-forest.svg", "comparisons.csv", "fixed-learning-curves.svg", "records.csv",
            "reproduction.json", "summary.csv", "summary.md", "tidy.csv"], names);
        var page = File.ReadAllText(Path.Combine(folder, "README.md"));
        Assert.Contains("Holm", page);
        Assert.Contains("| fixed | ssl+al | 1 | 2 |", page);  // the per-cell table: split, arm, last round, n seeds
        Assert.Contains("(poster-quick/README.md)", File.ReadAllText(index.Path));
        Assert.Contains($"]({ComparisonForest.FileName})", page);
        // Rebuilding twice gives the same files (the bootstrap is seeded, the figures are rendered byte for byte alike).
        string[] checkedFiles = ["comparisons.csv", ComparisonForest.FileName, "fixed-learning-curves.svg"];
        var first = checkedFiles.Select(f => File.ReadAllText(Path.Combine(folder, f))).ToList();
        ResultsIndex.Rebuild(temp.Sub("results"), new ClusterBootstrapOptions(Resamples: 200));
        Assert.Equal(first, checkedFiles.Select(f => File.ReadAllText(Path.Combine(folder, f))));
    }

    [Fact]
    public void RecordsKeepTheStartsNameButNotThisMachinesPath()
    {
        using var temp = new TempFolder();
        using var problem = SyntheticProblem.Create(trainCount: 120, testCount: 40, seed: 2);
        var campaign = TinyPoster(temp.Sub("runs"));
        var report = campaign.Run(_ => problem.WithLabels(problem.Labels));
        var first = campaign.Plan[0].Config with { Initialisation = InitialisationKind.Pretrained, InitialisationPath = "/home/someone/cache/simclr-10ep/bccd-paper-seed0.pt" };
        var info = new ReproductionInfo("poster", "quick", problem.ClassNames, first, null, 2, "test machine, fp32");
        ReproductionRecords.Write(temp.Sub("out"), info, report.Runs, campaign.RunFolder, [CellsOf(problem)]);
        var json = File.ReadAllText(Path.Combine(temp.Sub("out"), ReproductionRecords.InfoFile));
        Assert.DoesNotContain("/home/someone", json);
        var read = ReproductionRecords.Read(temp.Sub("out"));
        Assert.Equal(ReproductionRun.InitialisationName(first), ReproductionRun.InitialisationName(read.Info.First));
    }

    [Fact]
    public void EditedOrIncompleteRecordsAreRefusedWithTheFileAndField()
    {
        using var temp = new TempFolder();
        var (_, _, folder, _) = Record(temp);
        var path = Path.Combine(folder, ReproductionRecords.RecordsFile);
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int accuracy = Array.IndexOf(header, "accuracy");
        var edited = lines[1].Split(',');
        edited[accuracy] = "0.999";
        File.WriteAllLines(path, [lines[0], string.Join(",", edited), .. lines[2..]]);
        var error = Assert.Throws<InvalidDataException>(() => ReproductionRecords.Read(folder));
        Assert.Contains("accuracy", error.Message);
        Assert.Contains("confusion", error.Message);

        File.WriteAllLines(path, [lines[0], lines[2]]);  // round 0 of the first run gone
        Assert.Contains("round", Assert.Throws<InvalidDataException>(() => ReproductionRecords.Read(folder)).Message);

        File.Delete(Path.Combine(folder, ReproductionRecords.InfoFile));
        Assert.Contains("reproduction.json", Assert.Throws<InvalidDataException>(() => ReproductionRecords.Read(folder)).Message);
    }

    [Fact]
    public void ARoundWithoutStoredTestPredictionsCannotBeRecordedPerCell()
    {
        using var temp = new TempFolder();
        using var problem = SyntheticProblem.Create(trainCount: 120, testCount: 40, seed: 2);
        var campaign = TinyPoster(temp.Sub("runs"));
        var report = campaign.Run(_ => problem.WithLabels(problem.Labels));
        Assert.All(report.Runs.SelectMany(r => r.Rounds), round => Assert.Equal(problem.TestIds.Length, round.TestPredicted!.Count));
        var old = report.Runs.Select(r => r with { Rounds = r.Rounds.Select(x => x with { TestPredicted = null }).ToList() }).ToList();
        var info = new ReproductionInfo("poster", "quick", problem.ClassNames, campaign.Plan[0].Config, null, 2, "test machine, fp32");
        var error = Assert.Throws<InvalidDataException>(() => ReproductionRecords.Write(temp.Sub("out"), info, old, campaign.RunFolder, [CellsOf(problem)]));
        Assert.Contains("test predictions", error.Message);
    }
}
