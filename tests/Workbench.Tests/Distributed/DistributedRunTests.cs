// Distributed tests: `--nproc 2` training and scoring as real processes over loopback, 1 thread per rank.
using System.Globalization;
using System.Text.RegularExpressions;
using Workbench.Tests.Data;

namespace Workbench.Tests.Distributed;

public sealed partial class DistributedRunTests
{
    [GeneratedRegex(@"rank (\d) of 2: (\d+) steps, model checksum (\S+),")]
    private static partial Regex RankLine();

    /// <summary>The console wraps long error lines at its width; compare the words, not the line breaks.</summary>
    private static string OneLine(string output) => Regex.Replace(output, @"\s+", " ");

    [Fact]
    public void Two_ranks_train_in_step_and_score_like_one_process()
    {
        using var temp = new TempDirectory();
        var data = RankProcesses.TinyDataRoot(temp);
        var cache = temp.Folder("cache");
        var model = Path.Combine(temp.Path, "model.pt");

        var train = RankProcesses.Workbench([.. RankProcesses.TrainArguments(data, cache), "--nproc", "2", "--save", model]);
        Assert.True(train.ExitCode == 0, train.Output);
        var ranks = RankLine().Matches(train.Output).ToDictionary(m => m.Groups[1].Value, m => m);
        Assert.Equal(["0", "1"], ranks.Keys.Order());
        // Same global batches (8 steps of 8 of the 32 training images), and after them the same parameters on both
        // ranks: only true when the gradients were all-reduced (each rank saw other images and augmentations).
        Assert.Equal("8", ranks["0"].Groups[2].Value);
        Assert.Equal(ranks["0"].Groups[3].Value, ranks["1"].Groups[3].Value);
        // Rank 0 alone reports and writes.
        Assert.Single(Regex.Matches(train.Output, "test accuracy"));
        Assert.Single(Regex.Matches(train.Output, "saved "));
        Assert.DoesNotContain("[rank 1] saved", train.Output);
        Assert.True(File.Exists(model));

        var one = Path.Combine(temp.Path, "one.csv");
        var two = Path.Combine(temp.Path, "two.csv");
        string[] score = ["score", "--dataset", "pbc", "--split", "stratified", "--part", "all", "--data-root", data, "--cache-dir", cache,
            "--size", "16", "--checkpoint", model, "--batch-size", "5"];
        var single = RankProcesses.Workbench([.. score, "--out", one]);
        Assert.True(single.ExitCode == 0, single.Output);
        var sharded = RankProcesses.Workbench([.. score, "--out", two, "--nproc", "2"]);
        Assert.True(sharded.ExitCode == 0, sharded.Output);
        Assert.False(File.Exists(two + ".tmp"));

        var expected = RankProcesses.Probabilities(one);
        var actual = RankProcesses.Probabilities(two);
        Assert.Equal(64, expected.Count);
        Assert.Equal(expected.Count, actual.Count);
        double worst = expected.Zip(actual).Max(pair => pair.First.Zip(pair.Second).Max(p => Math.Abs(p.First - p.Second)));
        Assert.True(worst <= 1e-6, $"largest difference {worst.ToString("R", CultureInfo.InvariantCulture)}");
        // Same rows in the same order (ids and files), not just the same numbers.
        Assert.Equal(File.ReadAllLines(one).Select(l => string.Join(',', l.Split(',').Take(3))),
            File.ReadAllLines(two).Select(l => string.Join(',', l.Split(',').Take(3))));
    }

    [Fact]
    public void An_unreachable_master_is_a_clear_error_within_the_timeout()
    {
        using var temp = new TempDirectory();
        var data = RankProcesses.TinyDataRoot(temp);
        int port = RankProcesses.FreePort();  // nobody listens there
        var run = RankProcesses.Workbench(RankProcesses.TrainArguments(data, temp.Folder("cache")), new Dictionary<string, string>
        {
            ["MASTER_ADDR"] = "127.0.0.1", ["MASTER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["WORLD_SIZE"] = "2", ["RANK"] = "1", ["WORKBENCH_DIST_TIMEOUT"] = "3",
        });
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"rank 1 cannot reach the master at 127.0.0.1:{port}", OneLine(run.Output));
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(60), $"took {run.Elapsed}");
    }

    [Fact]
    public void A_wrong_world_size_is_named_by_the_rank_that_has_it()
    {
        using var temp = new TempDirectory();
        var data = RankProcesses.TinyDataRoot(temp);
        var arguments = RankProcesses.TrainArguments(data, temp.Folder("cache"));
        int port = RankProcesses.FreePort();
        var (root, rootOutput) = RankProcesses.Start(arguments, rank: 0, worldSize: 2, port, timeoutSeconds: 5);
        var (other, otherOutput) = RankProcesses.Start(arguments, rank: 1, worldSize: 3, port, timeoutSeconds: 5);
        using (root)
        using (other)
        {
            // Generous: under a loaded CI machine a rank's .NET start-up alone took 15 s; the rendezvous timeout is 5 s.
            bool stopped = other.WaitForExit(180_000) && root.WaitForExit(180_000);
            if (!stopped) { root.Kill(entireProcessTree: true); other.Kill(entireProcessTree: true); }
            Assert.True(stopped, $"a rank did not stop:\n{rootOutput}\n{otherOutput}");
            other.WaitForExit();
            root.WaitForExit();
            Assert.Equal(2, other.ExitCode);
            Assert.Contains("rank 1 was started with WORLD_SIZE=3 but rank 0 with 2", OneLine(otherOutput.ToString()));
            Assert.Equal(2, root.ExitCode);
            Assert.Contains("only 1 of WORLD_SIZE=2 ranks joined", OneLine(rootOutput.ToString()));
        }
    }

    [Fact]
    public void A_rank_that_dies_stops_the_others_with_an_error()
    {
        using var temp = new TempDirectory();
        var data = RankProcesses.TinyDataRoot(temp);
        var arguments = RankProcesses.TrainArguments(data, temp.Folder("cache"), epochs: 2000);  // far longer than the test
        int port = RankProcesses.FreePort();
        var (root, rootOutput) = RankProcesses.Start(arguments, rank: 0, worldSize: 2, port, timeoutSeconds: 20);
        var (other, otherOutput) = RankProcesses.Start(arguments, rank: 1, worldSize: 2, port, timeoutSeconds: 20);
        using (root)
        using (other)
        {
            var joined = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!otherOutput.ToString().Contains("rank 1 of 2 joined") && DateTime.UtcNow < joined && !other.HasExited) Thread.Sleep(50);
            Assert.Contains("rank 1 of 2 joined", OneLine(otherOutput.ToString()));
            Thread.Sleep(1000);  // into the training steps
            other.Kill(entireProcessTree: true);
            var stopped = root.WaitForExit(60_000);
            if (!stopped) root.Kill(entireProcessTree: true);
            Assert.True(stopped, "rank 0 did not stop after rank 1 died:\n" + rootOutput);
            root.WaitForExit();
            Assert.Equal(2, root.ExitCode);
            Assert.Contains("failed on rank 0 of 2", OneLine(rootOutput.ToString()));
        }
    }
}
