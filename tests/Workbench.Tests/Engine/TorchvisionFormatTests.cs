// Loading PyTorch's own weight files without Python: torchvision state dicts in the zip and the
// legacy torch.save formats must load and predict exactly as torchvision does, and anything
// else must fail with a message that names the problem.
using System.Text.Json;
using Workbench.Engine;

namespace Workbench.Tests.Engine;

[Collection(TorchvisionCollection.Name)]
public class TorchvisionFormatTests
{
    [Theory]
    [InlineData("zip")]
    [InlineData("legacy")]
    [InlineData("dict")]
    public void LoadedWeightsPredictLikeTorchvision(string format)
    {
        var path = TorchvisionFile.Make(1000, format);
        var prefix = TorchvisionFile.Prefix(1000);
        var reference = JsonDocument.Parse(File.ReadAllText(prefix + ".ref.json")).RootElement;
        int count = reference.GetProperty("count").GetInt32(), size = reference.GetProperty("size").GetInt32();
        using var images = ImageSet.FromBytes(File.ReadAllBytes(prefix + ".input.bin"), size);
        using var model = Model.Create(Architecture.ResNet18, 1000, 5);
        Assert.True(model.Load(path).IsComplete);

        var predictions = model.Predict(images, Enumerable.Range(0, count).ToArray());
        AssertClose(reference.GetProperty("probs"), predictions.Probabilities, 1e-5, "probability");
        AssertClose(reference.GetProperty("embeddings"), predictions.Embeddings!, 1e-4, "embedding");
    }

    [Theory]
    [InlineData("zip", "damaged or truncated zip archive")]
    [InlineData("legacy", "truncated")]
    public void TruncatedFilesAreClearErrors(string format, string expected)
    {
        var source = TorchvisionFile.Make(1000, format);
        var path = Path.Combine(Path.GetTempPath(), $"wb-truncated-{Guid.NewGuid():N}.pt");
        try
        {
            using (var input = File.OpenRead(source))
            using (var output = File.Create(path))
            {
                var half = new byte[input.Length / 2];
                input.ReadExactly(half);
                output.Write(half);
            }
            using var model = Model.Create(Architecture.ResNet18, 1000, 5);
            double before = model.Checksum();
            var error = Assert.Throws<EngineException>(() => model.Load(path, strict: false));
            Assert.Contains("cannot read", error.Message);
            Assert.Contains(expected, error.Message);
            Assert.Equal(before, model.Checksum());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void AWholePickledModelIsNotAStateDict()
    {
        var path = TorchvisionFile.Make(1000, "model");
        using var model = Model.Create(Architecture.ResNet18, 1000, 5);
        var error = Assert.Throws<EngineException>(() => model.Load(path, strict: false));
        Assert.Contains("torchvision.models.resnet.ResNet", error.Message);
        Assert.Contains("save model.state_dict()", error.Message);
    }

    [Fact]
    public void NonTensorValuesAreNamed()
    {
        // A training checkpoint: {"epoch": 3, "state_dict": {...}}, in the legacy format.
        var path = Path.Combine(Path.GetTempPath(), $"wb-checkpoint-{Guid.NewGuid():N}.pt");
        try
        {
            var script = "import torch, sys; torch.save({'epoch': 3, 'state_dict': {'w': torch.ones(2)}}, sys.argv[1], " +
                         "_use_new_zipfile_serialization=False)";
            var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { ArgumentList = { "-c", script, path } };
            using (var process = System.Diagnostics.Process.Start(start)!) process.WaitForExit();
            using var model = Model.Create(Architecture.SmallCnn, 4, 0);
            var error = Assert.Throws<EngineException>(() => model.Load(path));
            Assert.Contains("entry 'state_dict' is a dict, not a tensor", error.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void BigEndianArchivesAreByteSwapped()
    {
        // PyTorch 2 records the byte order in zip archives; a big-endian machine writes "big".
        // Rewrites a little-endian save as such a machine would have written it.
        var folder = Directory.CreateTempSubdirectory("wb-byteorder-").FullName;
        try
        {
            var script = """
                import sys, zipfile, torch
                folder = sys.argv[1]
                torch.save({'fc.bias': torch.tensor([1.5, -2.25, 3.0, 4.125])}, folder + '/little.pt')
                with zipfile.ZipFile(folder + '/little.pt') as src, zipfile.ZipFile(folder + '/big.pt', 'w') as dst:
                    for name in src.namelist():
                        data = src.read(name)
                        if name.endswith('/data/0'):
                            data = b''.join(data[i:i + 4][::-1] for i in range(0, len(data), 4))
                        dst.writestr(name, data)
                    dst.writestr(name.split('/')[0] + '/byteorder', 'big')
                """;
            var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { ArgumentList = { "-c", script, folder } };
            using (var process = System.Diagnostics.Process.Start(start)!) process.WaitForExit();
            using var little = Model.Create(Architecture.SmallCnn, 4, 0);
            using var big = Model.Create(Architecture.SmallCnn, 4, 0);
            double fresh = little.Checksum();
            Assert.Equal(1, little.Load(Path.Combine(folder, "little.pt"), strict: false).Loaded);
            Assert.Equal(1, big.Load(Path.Combine(folder, "big.pt"), strict: false).Loaded);
            Assert.NotEqual(fresh, little.Checksum());
            Assert.Equal(little.Checksum(), big.Checksum());
        }
        finally { Directory.Delete(folder, true); }
    }

    private static void AssertClose(JsonElement expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.GetArrayLength(), actual.Length);
        int i = 0;
        double worst = 0;
        foreach (var value in expected.EnumerateArray())
        {
            double e = value.GetDouble(), difference = Math.Abs(e - actual[i++]) / Math.Max(1, Math.Abs(e));
            worst = Math.Max(worst, difference);
        }
        Assert.True(worst <= tolerance, $"largest {what} difference {worst:g3} exceeds {tolerance:g3}");
    }
}
