using Workbench.Records;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Records;

/// <summary>
/// The committed results are what their committed records rebuild: every records folder under results/ is rebuilt into a
/// temporary folder and compared file by file with what is committed; results/README.md likewise.
/// </summary>
public class CommittedRecordsTests
{
    private static readonly string[] Rebuilt = [RecordsReport.ReportFile, "summary.csv", "tidy.csv", "comparisons.csv", "cells-summary.csv", "added-by-class.csv", "summary.md", "added-by-class.md"];

    [Fact]
    public void EveryCommittedReportIsWhatItsRecordsRebuild()
    {
        var results = Path.Combine(RepositoryPaths.Root, "results");
        var folders = Directory.GetDirectories(results).Where(ReproductionRecords.IsRecords).ToList();
        Assert.NotEmpty(folders);
        using var temp = new TempFolder();
        foreach (var folder in folders)
        {
            Assert.DoesNotContain("\"/", File.ReadAllText(Path.Combine(folder, ReproductionRecords.InfoFile)));  // no absolute paths of the machine that ran it
            var copy = temp.Sub(Path.GetFileName(folder));
            RecordsReport.Of(ReproductionRecords.Read(folder)).WriteTo(copy);
            // The figures too: a chart renders to the same bytes on every run.
            var figures = Directory.GetFiles(copy, "*.svg").Concat(Directory.GetFiles(folder, "*.svg")).Select(Path.GetFileName).OfType<string>();
            foreach (var name in Rebuilt.Concat(figures).Distinct().Where(n => File.Exists(Path.Combine(copy, n)) || File.Exists(Path.Combine(folder, n))))
                Assert.True(File.Exists(Path.Combine(folder, name)) && File.Exists(Path.Combine(copy, name))
                    && File.ReadAllText(Path.Combine(folder, name)) == File.ReadAllText(Path.Combine(copy, name)),
                    $"{Path.GetFileName(folder)}/{name} differs from what its records rebuild: run `workbench report {Path.GetRelativePath(RepositoryPaths.Root, folder)}`");
        }
    }

    [Fact]
    public void TheCommittedIndexIsWhatTheRecordsRebuild()
    {
        var results = Path.Combine(RepositoryPaths.Root, "results");
        using var temp = new TempFolder();
        // Only the records travel: everything else is remade from them.
        foreach (var folder in Directory.GetDirectories(results).Where(ReproductionRecords.IsRecords))
            foreach (var name in new[] { ReproductionRecords.InfoFile, ReproductionRecords.RecordsFile, ReproductionRecords.CellsFile })
                if (File.Exists(Path.Combine(folder, name)))
                {
                    Directory.CreateDirectory(temp.Sub("results/" + Path.GetFileName(folder)));
                    File.Copy(Path.Combine(folder, name), Path.Combine(temp.Sub("results/" + Path.GetFileName(folder)), name));
                }
        var readme = Path.Combine(temp.Path, "README.md");
        File.Copy(Path.Combine(RepositoryPaths.Root, "README.md"), readme);
        var index = ResultsIndex.Rebuild(temp.Sub("results"), readme: readme);
        Assert.True(File.ReadAllText(Path.Combine(results, ResultsIndex.FileName)) == File.ReadAllText(index.Path),
            "results/README.md differs from what the records rebuild: run `workbench report results --readme README.md`");
        Assert.True(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")) == File.ReadAllText(readme),
            "README.md's results block differs from what the records rebuild: run `workbench report results --readme README.md`");
    }
}
