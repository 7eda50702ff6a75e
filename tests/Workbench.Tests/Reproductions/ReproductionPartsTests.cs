using Workbench.Config;
using Workbench.Reproductions;

namespace Workbench.Tests.Reproductions;

/// <summary>`reproduce --jobs n` (by default one worker per thread) shares the plan out by whole (split, seed) groups: every run once, the arms of a seed together.</summary>
public class ReproductionPartsTests
{
    private static readonly IReadOnlyList<(ExperimentConfig Config, string RunDirectory)> Plan =
        new PosterReproduction { Profile = PresetProfile.Quick, Seeds = [0, 1, 2] }.Plan("out").ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void EveryRunIsInExactlyOnePartAndASeedsArmsStayTogether(int count)
    {
        var parts = Enumerable.Range(0, count).Select(i => ReproductionParts.Part(Plan, i, count)).ToList();
        Assert.Equal(Plan.Select(p => p.RunDirectory).Order(), parts.SelectMany(p => p).Select(p => p.RunDirectory).Order());
        foreach (var group in Plan.GroupBy(p => (p.Config.Split, p.Config.Seed)))
            Assert.Single(parts, part => part.Any(p => (p.Config.Split, p.Config.Seed) == group.Key));
        // Within a part the plan's order holds: the arm that trains round 0 comes before the arms that copy it.
        foreach (var part in parts)
            Assert.Equal(Plan.Where(p => part.Contains(p)).Select(p => p.RunDirectory), part.Select(p => p.RunDirectory));
    }

    [Fact]
    public void TwoWorkersGetEqualShares()
    {
        Assert.Equal(30, Plan.Count);
        Assert.Equal(15, ReproductionParts.Part(Plan, 0, 2).Count);
        Assert.Equal(15, ReproductionParts.Part(Plan, 1, 2).Count);
    }

    [Theory]
    [InlineData(null, 2, 6, 2, 1)]  // the default on this 2-core machine: two single-thread workers
    [InlineData(null, 1, 6, 1, 1)]  // --threads 1: everything in one process
    [InlineData(null, 16, 6, 6, 2)] // never more workers than (split, seed) groups; the threads are shared out
    [InlineData(null, 2, 1, 1, 2)]  // one group (one seed of one split): one process with every thread
    [InlineData(1, 2, 6, 1, 2)]     // --jobs 1: one process with every thread
    [InlineData(4, 8, 2, 2, 4)]
    [InlineData(3, 2, 6, 3, 1)]     // more workers than threads: each still gets one
    public void WithoutJobsEachThreadGetsAWorker(int? requested, int threads, int groups, int workers, int threadsEach) =>
        Assert.Equal((workers, threadsEach), ReproductionParts.Workers(requested, threads, groups));

    [Fact]
    public void ZeroJobsIsRefusedNamingTheOption() =>
        Assert.Equal("--jobs", Assert.Throws<ArgumentOutOfRangeException>(() => ReproductionParts.Workers(0, 2, 6)).ParamName);

    [Theory]
    [InlineData("2/2")]
    [InlineData("-1/2")]
    [InlineData("0/0")]
    [InlineData("a/b")]
    [InlineData("1")]
    public void AMalformedPartIsRefusedNamingTheOption(string text) =>
        Assert.Equal("--part", Assert.Throws<ArgumentException>(() => ReproductionParts.Parse(text)).ParamName);

    [Fact]
    public void APartIsReadBack() => Assert.Equal((1, 3), ReproductionParts.Parse("1/3"));
}
