// Distributed tests without processes: the environment, shards, batch plans.
using Workbench.Distributed;
using Workbench.Engine;

namespace Workbench.Tests.Distributed;

public sealed class RendezvousTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void No_world_size_means_a_single_process() => Assert.Null(Rendezvous.FromEnvironment(Env()));

    [Fact]
    public void Reads_the_torchrun_variables()
    {
        var r = Rendezvous.FromEnvironment(Env(("WORLD_SIZE", "4"), ("RANK", "2"), ("LOCAL_RANK", "0"), ("MASTER_ADDR", "node1"),
            ("MASTER_PORT", "1234"), ("WORKBENCH_DIST_TIMEOUT", "7.5")))!;
        Assert.Equal(new Rendezvous("node1", 1234, 4, 2, 0, "gloo", TimeSpan.FromSeconds(7.5)), r);
        Assert.Equal(Rendezvous.DefaultPort, Rendezvous.FromEnvironment(Env(("WORLD_SIZE", "2"), ("RANK", "1"), ("MASTER_ADDR", "a")))!.MasterPort);
    }

    [Theory]
    [InlineData("2", null, "a", "RANK is not set")]
    [InlineData("2", "2", "a", "RANK=2 is not an integer in 0..1")]
    [InlineData("x", "0", "a", "WORLD_SIZE=x")]
    [InlineData("2", "1", null, "MASTER_ADDR is not set")]
    public void Names_the_variable_that_is_wrong(string worldSize, string? rank, string? address, string message)
    {
        var values = new List<(string, string)> { ("WORLD_SIZE", worldSize) };
        if (rank is not null) values.Add(("RANK", rank));
        if (address is not null) values.Add(("MASTER_ADDR", address));
        var e = Assert.Throws<ArgumentException>(() => Rendezvous.FromEnvironment(Env([.. values])));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Rank_seeds_keep_rank_0_and_differ_by_rank()
    {
        Assert.Equal(42, Rendezvous.RankSeed(42, 0));
        Assert.Equal(4, new[] { 0, 1, 2, 3 }.Select(r => Rendezvous.RankSeed(42, r)).Distinct().Count());
    }

    [Fact]
    public void Shards_cover_every_item_once_in_order()
    {
        for (int count = 0; count < 20; count++)
            for (int world = 1; world <= 4; world++)
            {
                var shards = Enumerable.Range(0, world).Select(r => ProcessGroup.Shard(count, r, world)).ToArray();
                Assert.Equal(Enumerable.Range(0, count), shards.SelectMany(s => Enumerable.Range(s.Start, s.Count)));
                Assert.True(shards.Max(s => s.Count) - shards.Min(s => s.Count) <= 1);
            }
    }

    [Fact]
    public void A_last_batch_too_small_for_every_rank_joins_the_one_before()
    {
        Assert.Equal([(0, 8), (8, 3)], TrainingLoop.BatchBounds(11, 8, ranks: 1));
        Assert.Equal([(0, 11)], TrainingLoop.BatchBounds(11, 8, ranks: 2));
        Assert.Equal([(0, 8), (8, 4)], TrainingLoop.BatchBounds(12, 8, ranks: 2));
        Assert.Equal([(0, 8), (8, 2)], TrainingLoop.BatchBounds(10, 8));  // the plain loop is unchanged
    }
}
