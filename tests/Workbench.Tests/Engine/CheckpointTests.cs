using System.Diagnostics;
using System.Text.Json;
using Workbench.Engine;


namespace Workbench.Tests.Engine;

[Collection(TorchvisionCollection.Name)]
public class CheckpointTests
{
    [Fact]
    public void WeightsRoundTripBitExactly()
    {
        var (pixels, labels) = SyntheticImages.Make(32, 32, 4, seed: 2);
        using var images = ImageSet.FromBytes(pixels, 32);
        var ids = Enumerable.Range(0, 32).ToArray();
        using var trained = Model.Create(Architecture.ResNet18, 4, 1);
        TrainingLoop.Fit(trained, images, ids, labels, null, new FitOptions { Epochs = 1, BatchSize = 16, Seed = 3 });
        var path = Path.Combine(Path.GetTempPath(), $"wb-ckpt-{Guid.NewGuid():N}.pt");
        try
        {
            trained.Save(path);
            using var restored = Model.Create(Architecture.ResNet18, 4, 99);
            Assert.NotEqual(trained.Checksum(), restored.Checksum());
            var report = restored.Load(path);
            Assert.True(report.IsComplete, report.ToString());
            Assert.Equal(122, report.Loaded);
            Assert.Equal(trained.Checksum(), restored.Checksum());
            Assert.Equal(trained.Predict(images, ids).Probabilities, restored.Predict(images, ids).Probabilities);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void LoadingIntoAnotherArchitectureStrictlyNamesTheProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-ckpt-{Guid.NewGuid():N}.pt");
        try
        {
            using (var small = Model.Create(Architecture.SmallCnn, 4, 0)) small.Save(path);
            using var resnet = Model.Create(Architecture.ResNet18, 4, 0);
            var error = Assert.Throws<EngineException>(() => resnet.Load(path, strict: true));
            Assert.Contains("does not match the model", error.Message);
            Assert.Throws<FileNotFoundException>(() => resnet.Load(path + ".absent"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void GarbageFileIsAClearError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-garbage-{Guid.NewGuid():N}.pt");
        File.WriteAllText(path, "not a checkpoint");
        try
        {
            using var model = Model.Create(Architecture.SmallCnn, 4, 0);
            var error = Assert.Throws<EngineException>(() => model.Load(path));
            Assert.Contains("cannot read", error.Message);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("dict")]
    [InlineData("zip")]
    [InlineData("legacy")]
    public void TorchvisionResNet18WeightsMapAll122Tensors(string format)
    {
        var path = TorchvisionFile.Make(1000, format);
        using var model = Model.Create(Architecture.ResNet18, 1000, 5);
        var report = model.Load(path, strict: true);
        Assert.Equal(122, report.Loaded);
        Assert.True(report.IsComplete);
        Assert.Equal(122, model.StateNames().Count);

        var expected = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(TorchvisionFile.Prefix(1000) + ".json"))!;
        Assert.Equal(expected.Keys.Order(), model.StateNames().Order());
        double expectedSum = expected.Values.Sum(v => v[1].GetDouble());
        Assert.Equal(expectedSum, model.Checksum(), expectedSum * 1e-6 + 1e-3);
    }

    [Fact]
    public void ImageNetWeightsLoadIntoAFewClassModelExceptTheHead()
    {
        var path = TorchvisionFile.Make(1000, "zip");
        using var model = Model.Create(Architecture.ResNet18, 4, 5);
        Assert.Throws<EngineException>(() => model.Load(path, strict: true));
        var report = model.Load(path, strict: false);
        Assert.Equal(120, report.Loaded);
        Assert.Equal(2, report.Mismatched.Count);
        Assert.All(report.Mismatched, m => Assert.StartsWith("fc.", m));
        Assert.Empty(report.Missing);
    }
}

/// <summary>
/// The test classes that use generated weight files; when they are done, the files (~190 MB) are
/// deleted. ProcessExit alone is too late: the test host can be killed before it finishes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchvisionCollection : ICollectionFixture<TorchvisionCollection.Cleanup>
{
    public const string Name = "torchvision weight files";

    public sealed class Cleanup : IDisposable
    {
        public void Dispose() => TorchvisionFile.DeleteAll();
    }
}

/// <summary>Generates torchvision-format weight files with Debian's PyTorch (cached per test run).</summary>
internal static class TorchvisionFile
{
    private static readonly HashSet<int> Made = [];
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("wb-torchvision-").FullName;
        // ResNet-18 files are ~47 MB each: never leave them behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { } };
        return folder;
    });

    /// <summary>Where the files for a class count are (see tests/fixtures/make_torchvision_weights.py).</summary>
    public static string Prefix(int classes) => Path.Combine(Folder.Value, $"resnet18-{classes}");

    /// <summary>The weight file in one format: "zip", "legacy", "dict" or "model" (a whole pickled model).</summary>
    public static string Make(int classes, string format)
    {
        lock (Made)
        {
            // One Python run writes every format (and the reference outputs) for the same weights.
            if (Made.Add(classes))
            {
                Directory.CreateDirectory(Folder.Value);
                Run(classes);
            }
            return $"{Prefix(classes)}-{format}.pt";
        }
    }

    public static void DeleteAll()
    {
        lock (Made)
        {
            Made.Clear();
            if (Folder.IsValueCreated && Directory.Exists(Folder.Value)) Directory.Delete(Folder.Value, true);
        }
    }

    private static void Run(int classes)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "make_torchvision_weights.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { script, Prefix(classes), classes.ToString() }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Made.Remove(classes);
            throw new InvalidOperationException($"Debian PyTorch (/usr/bin/python3 with python3-torch, python3-torchvision; ./setup.sh installs them) failed: {stderr.Result}");
        }
    }
}
