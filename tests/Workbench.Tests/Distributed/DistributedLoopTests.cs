// Distributed tests: the SSL/AL round loop (`workbench run`) on 2 ranks, and resumed on another number of ranks.
using System.Text.Json.Nodes;
using Workbench.Tests.Data;

namespace Workbench.Tests.Distributed;

/// <summary>
/// `workbench run` as real rank processes over loopback on a tiny BCCD layout (smallcnn, 16 px, 1 thread per rank). The
/// active-learning queries are random (drawn from the seed and the unlabelled pool), so a run that keeps every rank's
/// labelled set equal to rank 0's adds exactly the ids a one-process run adds, whatever the ranks' training did.
/// </summary>
public sealed class DistributedLoopTests
{
    private sealed class Setup(TempDirectory temp)
    {
        public string Data { get; } = Tiny(temp);
        public string Cache { get; } = temp.Folder("cache");
        public string Config { get; } = WriteConfig(temp);

        public string Folder(string name) => Path.Combine(temp.Path, name);  // not created: only rank 0 may create it

        public List<string> Run(string output, int? rounds = null) =>
        [
            "run", "--config", Config, "--out", output, "--data-root", Data, "--cache-dir", Cache, "--threads", "1",
            .. rounds is int r ? new[] { "--rounds", r.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [],
        ];

        private static string Tiny(TempDirectory temp)
        {
            var root = temp.Folder("data");
            TinyLayouts.Bccd(root, sources: 6, copies: 2, "TRAIN", "TEST");
            return root;
        }

        private static string WriteConfig(TempDirectory temp)
        {
            var config = new JsonObject
            {
                ["dataSet"] = "bccd", ["split"] = "paper", ["seed"] = 0, ["imageSize"] = 16, ["architecture"] = "smallcnn",
                ["initialisation"] = "scratch", ["initialFraction"] = 0.25, ["recipe"] = "al", ["activeLearning"] = "random",
                ["budget"] = 4, ["rounds"] = 2, ["epochs"] = 2, ["batchSize"] = 8, ["learningRate"] = 0.01, ["evalBatchSize"] = 16,
            };
            var path = Path.Combine(temp.Folder("config"), "config.json");
            File.WriteAllText(path, config.ToJsonString());
            return path;
        }
    }

    /// <summary>
    /// Two ranks started by hand with the torchrun variables; rank 1 is given its own --out, which must never appear:
    /// rank 0 alone writes (and reads) the run folder.
    /// </summary>
    private static (string Root, string Other) TwoRanks(List<string> rootArguments, List<string> otherArguments)
    {
        int port = RankProcesses.FreePort();
        var (root, rootOutput) = RankProcesses.Start(rootArguments, rank: 0, worldSize: 2, port, timeoutSeconds: 60);
        var (other, otherOutput) = RankProcesses.Start(otherArguments, rank: 1, worldSize: 2, port, timeoutSeconds: 60);
        using (root)
        using (other)
        {
            bool stopped = root.WaitForExit(300_000) && other.WaitForExit(300_000);
            if (!stopped) { root.Kill(entireProcessTree: true); other.Kill(entireProcessTree: true); }
            root.WaitForExit();
            other.WaitForExit();
            Assert.True(stopped, $"a rank did not stop:\n{rootOutput}\n{otherOutput}");
            Assert.True(root.ExitCode == 0 && other.ExitCode == 0, $"rank 0 exit {root.ExitCode}:\n{rootOutput}\nrank 1 exit {other.ExitCode}:\n{otherOutput}");
            return (rootOutput.ToString(), otherOutput.ToString());
        }
    }

    /// <summary>The ids each round added (added/n.csv), rounds 0.. in order; the folder must hold exactly those rounds.</summary>
    private static List<int[]> AddedIds(string run, int rounds)
    {
        Assert.Equal(Enumerable.Range(0, rounds + 1).Select(r => $"{r}.json"),
            Directory.GetFiles(Path.Combine(run, "rounds")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        return Enumerable.Range(0, rounds + 1).Select(r => File.ReadAllLines(Path.Combine(run, "added", $"{r}.csv")).Skip(1)
            .Select(line => int.Parse(line.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
    }

    private static string Single(List<string> arguments)
    {
        var run = RankProcesses.Workbench(arguments, timeoutSeconds: 300);
        Assert.True(run.ExitCode == 0, run.Output);
        return run.Output;
    }

    [Fact]
    public void Two_ranks_run_the_loop_and_grow_the_labelled_set_as_one_process()
    {
        using var temp = new TempDirectory();
        var setup = new Setup(temp);
        var one = setup.Folder("one");
        var two = setup.Folder("two");
        var ghost = setup.Folder("rank1-out");
        Single(setup.Run(one));
        var (root, other) = TwoRanks(setup.Run(two), setup.Run(ghost));

        Assert.False(Directory.Exists(ghost), "rank 1 wrote a run folder");
        Assert.Contains("rank 1 of 2 joined", other);
        Assert.Contains($"run folder: {two}", root);
        Assert.DoesNotContain("run folder", other);
        var expected = AddedIds(one, rounds: 2);
        var actual = AddedIds(two, rounds: 2);
        Assert.Equal(12, expected[0].Length);          // a quarter of the 48 training images
        Assert.All(expected.Skip(1), ids => Assert.Equal(4, ids.Length));  // the AL budget
        Assert.Equal(expected, actual);
        Assert.True(File.Exists(Path.Combine(two, "checkpoints", "round-2.pt")));
    }

    [Fact]
    public void A_kappa_stop_decided_on_rank_0_stops_every_rank()
    {
        using var temp = new TempDirectory();
        var setup = new Setup(temp);
        var two = setup.Folder("two");
        // -1 always holds: the run stops after round 1 of 2; a rank that missed the stop would wait for rank 0 in round 2.
        string[] stop = ["--stop-when-kappa", "-1", "--stop-kappa-window", "1"];
        var (root, _) = TwoRanks([.. setup.Run(two), .. stop], [.. setup.Run(setup.Folder("rank1-out")), .. stop]);
        Assert.Contains("stopped: the stop-set predictions stabilised", root);
        Assert.Equal(2, AddedIds(two, rounds: 1).Count);
    }

    [Fact]
    public void A_run_continues_on_another_number_of_ranks()
    {
        using var temp = new TempDirectory();
        var setup = new Setup(temp);
        var reference = setup.Folder("reference");
        Single(setup.Run(reference));
        var expected = AddedIds(reference, rounds: 2);

        // 2 ranks (--nproc) for round 0 and 1, then one process for round 2.
        var twoThenOne = setup.Folder("two-then-one");
        Single([.. setup.Run(twoThenOne, rounds: 1), "--nproc", "2"]);
        Assert.Equal(expected.Take(2), AddedIds(twoThenOne, rounds: 1));
        Assert.Contains($"resumed the run in {twoThenOne} after its finished round 1", Single(setup.Run(twoThenOne, rounds: 2)));
        Assert.Equal(expected, AddedIds(twoThenOne, rounds: 2));

        // One process for rounds 0 and 1, then 2 ranks for round 2: rank 1 has no run folder at all, so its labelled set
        // and weights can only have come from rank 0.
        var oneThenTwo = setup.Folder("one-then-two");
        Single(setup.Run(oneThenTwo, rounds: 1));
        var ghost = setup.Folder("rank1-out");
        var (root, _) = TwoRanks(setup.Run(oneThenTwo, rounds: 2), setup.Run(ghost, rounds: 2));
        Assert.Contains($"resumed the run in {oneThenTwo} after its finished round 1", root);
        Assert.False(Directory.Exists(ghost), "rank 1 wrote a run folder");
        Assert.Equal(expected, AddedIds(oneThenTwo, rounds: 2));
    }

    [Fact]
    public void A_person_as_oracle_is_refused_before_any_rank_starts()
    {
        using var temp = new TempDirectory();
        var setup = new Setup(temp);
        var output = setup.Folder("human");
        var run = RankProcesses.Workbench([.. setup.Run(output), "--oracle", "human", "--nproc", "2"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("a person-as-oracle run (--oracle human", run.Output);
        Assert.DoesNotContain("joined", run.Output);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void The_labelled_set_rank_0_sends_is_the_one_the_others_rebuild()
    {
        var set = new Workbench.Loop.LabelledSet(4);
        set.Add(7, 1, Workbench.Loop.Provenance.Initial, 0, 1);
        set.Add(3, 2, Workbench.Loop.Provenance.PseudoLabel, 1, null);
        set.Add(11, 0, Workbench.Loop.Provenance.ActiveLearning, 2, 3);
        set.Reject(5, 2);
        var copy = Workbench.Loop.LoopRanks.DecodeLabelled(Workbench.Loop.LoopRanks.EncodeLabelled(set), 4);
        Assert.Equal(set.Samples, copy.Samples);  // same order too: "newest first" capping depends on it
        Assert.Equal(set.Rejected, copy.Rejected);
        Assert.Throws<InvalidDataException>(() => Workbench.Loop.LoopRanks.DecodeLabelled([2, 0, 7, 1], 4));
    }
}
