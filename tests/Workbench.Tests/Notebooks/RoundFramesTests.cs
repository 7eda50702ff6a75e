// Notebook tests: run folders' rounds as DataFrames, mean ± std per recipe/split/round, shown as HTML.
using System.Text.Json.Nodes;
using Microsoft.Data.Analysis;
using Workbench.Display;
using Workbench.Notebooks;
using Workbench.Reports;

namespace Workbench.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public sealed class RoundFramesTests
{
    // Two copies of the legacy fixture run (ssl+al, split "fixed", rounds 0-2); the second's round-1 accuracy lowered by 0.1.
    internal static (TempNotebookFolder Folder, string[] Runs) TwoRuns()
    {
        var folder = new TempNotebookFolder();
        string source = Path.Combine(AppContext.BaseDirectory, "Runs", "Fixtures", "legacy-run");
        var runs = new[] { "seed-a", "seed-b" }.Select(name =>
        {
            string target = folder.File(name);
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                string to = Path.Combine(target, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
            return target;
        }).ToArray();
        string round1 = Path.Combine(runs[1], "rounds", "1.json");
        var json = JsonNode.Parse(File.ReadAllText(round1))!;
        json["accuracy"] = 0.81875;
        File.WriteAllText(round1, json.ToJsonString());
        return (folder, runs);
    }

    [Fact]
    public void Rounds_of_two_runs_become_one_frame_and_a_mean_std_summary()
    {
        var (folder, runs) = TwoRuns();
        using var _ = folder;

        var rounds = RoundFrames.FromRuns(runs);
        var summary = RoundFrames.Summarise(rounds);

        Assert.Equal(6, rounds.Rows.Count);
        Assert.Equal(["seed-a", "seed-a", "seed-a", "seed-b", "seed-b", "seed-b"], rounds["Run"].Cast<string>());
        Assert.Equal([8, 62, 354, 8, 62, 354], rounds["Labelled"].Cast<int>());
        Assert.Equal(3, summary.Rows.Count);
        Assert.Equal([0, 1, 2], summary["Round"].Cast<int>());
        Assert.All(summary["Runs"].Cast<int>(), n => Assert.Equal(2, n));
        Assert.All(summary["Recipe"].Cast<string>(), r => Assert.Equal("ssl+al", r));
        Assert.Equal(0.86875, (double)summary["AccuracyMean"][1]!, 10);
        Assert.Equal(Math.Sqrt(2 * 0.05 * 0.05), (double)summary["AccuracyStd"][1]!, 10);
        Assert.Equal(0.0, (double)summary["AccuracyStd"][0]!, 10);
    }

    [Fact]
    public async Task A_frame_displays_as_an_html_table_in_a_cell()
    {
        var (folder, runs) = TwoRuns();
        using var _ = folder;
        using var session = new ScriptSession();

        var result = await session.ExecuteAsync($"var frame = RoundFrames.Summarise(RoundFrames.FromRuns(new[] {{ @\"{runs[0]}\", @\"{runs[1]}\" }}));\ndisplay(frame);\nframe.Rows.Count");

        Assert.True(result.Succeeded, result.Error?.EValue);
        var shown = Assert.IsType<DisplayDataOutput>(result.Outputs[0]);
        Assert.Contains("<table", shown.Data[MimeTypes.Html]);
        Assert.Contains("AccuracyMean", shown.Data[MimeTypes.Html]);
        Assert.Contains("0.8688", shown.Data[MimeTypes.Html]);
        Assert.Equal("3", Assert.IsType<ExecuteResultOutput>(result.Outputs[1]).Data[MimeTypes.PlainText]);
    }

    [Fact]
    public void Bad_inputs_say_what_is_wrong()
    {
        Assert.Contains("not a run folder", Assert.Throws<ArgumentException>(() => RoundFrames.FromRuns([Path.GetTempPath()])).Message);
        var other = new DataFrame(new PrimitiveDataFrameColumn<int>("Round", [1]));
        Assert.Contains("lacks the column(s) Recipe", Assert.Throws<ArgumentException>(() => RoundFrames.Summarise(other)).Message);
    }
}
