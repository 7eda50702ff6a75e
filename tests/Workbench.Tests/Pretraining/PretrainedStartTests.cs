using Workbench.Config;
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Pretraining;
using Workbench.Reproductions;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Pretraining;

/// <summary>The pretrained start end to end on a tiny synthetic problem (16 px, smallcnn, one short epoch: seconds on 1 thread).</summary>
public class PretrainedStartTests
{
    private static readonly PretrainOptions Tiny = new() { Epochs = 1, BatchSize = 16, MonitorNeighbours = 3 };

    private static ExperimentConfig Config() => SyntheticProblem.Config("baseline") with { Split = "paper" };

    [Fact]
    public void PretrainingSeesTheTrainingSideOnly()
    {
        using var problem = SyntheticProblem.Create(trainCount: 48, testCount: 16);
        var chosen = PretrainingImages.Select(problem);
        Assert.Equal(problem.TrainIds, chosen);
        Assert.Empty(chosen.Intersect(problem.TestIds));

        using var folder = new TempFolder();
        var checkpoint = PretrainedStart.Ensure(Config(), problem, new PretrainedCache(folder.Path), Tiny);
        Assert.Equal(problem.TrainIds.Length, checkpoint.Sidecar.Images);
    }

    [Fact]
    public void ASplitThatPutsTestIdsOnTheTrainingSideIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PretrainingImages.Select([0, 1, 2, 3, 7], [6, 7, 8]));
        Assert.Contains("7", error.Message);
    }

    [Fact]
    public void ACachedCheckpointIsReusedWithoutRetraining()
    {
        using var problem = SyntheticProblem.Create(trainCount: 48, testCount: 16);
        using var folder = new TempFolder();
        var cache = new PretrainedCache(folder.Path);
        var first = PretrainedStart.Ensure(Config(), problem, cache, Tiny);
        Assert.False(first.Reused);
        Assert.True(File.Exists(first.Path));
        Assert.Equal(2, first.Sidecar.Epochs.Count);  // epoch 0 (untrained monitor) and epoch 1
        var written = File.GetLastWriteTimeUtc(first.Path);

        var second = PretrainedStart.Ensure(Config(), problem, cache, Tiny);
        Assert.True(second.Reused);
        Assert.Equal(first.Path, second.Path);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.Path));
        Assert.Equal(first.Sidecar.Epochs[^1].Loss, second.Sidecar.Epochs[^1].Loss);

        // Other settings under the same key are not silently reused.
        var other = PretrainedStart.Ensure(Config(), problem, cache, Tiny with { BatchSize = 12 });
        Assert.False(other.Reused);
        // Another seed is another key, with its own file.
        var seed = PretrainedStart.Ensure(Config() with { Seed = 4 }, problem, cache, Tiny);
        Assert.False(seed.Reused);
        Assert.NotEqual(first.Path, seed.Path);
    }

    [Fact]
    public void APretrainedRunStartsFromTheCheckpointsWeights()
    {
        using var problem = SyntheticProblem.Create(trainCount: 48, testCount: 16);
        using var folder = new TempFolder();
        var cache = new PretrainedCache(folder.Path);
        var checkpoint = PretrainedStart.Ensure(Config(), problem, cache, Tiny);
        var config = PretrainedStart.Apply(Config(), cache, Tiny);
        Assert.Equal(InitialisationKind.Pretrained, config.Initialisation);
        Assert.Equal(checkpoint.Path, config.InitialisationPath);

        using var stored = Model.Create(Architecture.SmallCnn, 4, seed: 99);
        Assert.True(stored.Load(checkpoint.Path, strict: true).IsComplete);
        var (model, report) = ModelInitialiser.Create(config, 4);
        using (model)
        {
            Assert.NotNull(report);
            Assert.True(report.IsComplete, report.ToString());
            Assert.Equal(stored.Checksum(), model.Checksum());
            Assert.Equal(stored.StateNames(), model.StateNames());
        }
        // The scratch start of the same config is what pretraining changed.
        var (scratch, _) = ModelInitialiser.Create(Config(), 4);
        using (scratch) Assert.NotEqual(stored.Checksum(), scratch.Checksum());
    }

    [Fact]
    public void TablesNameThePretrainedStartByMethodAndLength()
    {
        using var folder = new TempFolder();
        var cache = new PretrainedCache(folder.Path);
        var options = Tiny with { Epochs = 3 };
        var paper = PretrainedStart.Apply(Config(), cache, options);
        var other = PretrainedStart.Apply(Config() with { Seed = 5, Split = "grouped" }, cache, options);
        Assert.NotEqual(paper.InitialisationPath, other.InitialisationPath);
        // One name for every split and seed, so the tidy table's baseline pools seeds of one start.
        Assert.Equal("pretrained:simclr-3ep", ReproductionRun.InitialisationName(paper));
        Assert.Equal("pretrained:simclr-3ep", ReproductionRun.InitialisationName(other));
        var run = ReproductionRun.Of(paper, folder.Path, [], 0);
        var csv = TidyResults.ToCsv(TidyResults.Rows("poster", "quick", [run]));
        Assert.Contains(",pretrained:simclr-3ep,paper,", csv);
    }

    [Fact]
    public void ABf16PretrainingIsItsOwnCheckpointAndOldSidecarsStayFp32()
    {
        using var problem = SyntheticProblem.Create(trainCount: 48, testCount: 16);
        using var folder = new TempFolder();
        var cache = new PretrainedCache(folder.Path);
        var fp32 = PretrainKey.For(Config(), Tiny);
        Assert.Equal(Runtime.Precision.ToName(), fp32.Precision);
        var bf16 = fp32 with { Precision = "bf16" };
        Assert.Equal($"{Tiny.Method}-{Tiny.Epochs}ep-bf16", bf16.MethodTag);
        Assert.NotEqual(cache.CheckpointPath(fp32 with { Precision = "fp32" }), cache.CheckpointPath(bf16));

        // A sidecar written before precision was part of the key has no such field: it is an fp32 checkpoint and reused.
        var first = PretrainedStart.Ensure(Config(), problem, cache, Tiny);
        var sidecar = cache.SidecarPath(first.Sidecar.Key);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(sidecar))!;
        var key = json["key"]!.AsObject();
        Assert.True(key.Remove("precision"), $"the sidecar's key has no 'precision' field: {key}");
        File.WriteAllText(sidecar, json.ToJsonString());
        Assert.True(PretrainedStart.Ensure(Config(), problem, cache, Tiny).Reused);
    }
}
