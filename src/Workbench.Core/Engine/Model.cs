// Engine layer: a network in engine memory (create, predict, save, load, copy), and what loading a state dict matched.
using System.Text;
using Workbench.Scoring;

namespace Workbench.Engine;

/// <summary>What loading a state dict matched and what it did not.</summary>
public sealed record LoadReport(int Loaded, IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected,
    IReadOnlyList<string> Mismatched)
{
    public bool IsComplete => Missing.Count == 0 && Unexpected.Count == 0 && Mismatched.Count == 0;

    internal static LoadReport Parse(string text)
    {
        List<string> missing = [], unexpected = [], mismatched = [];
        int loaded = 0;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ');
            var (kind, rest) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
            switch (kind)
            {
                case "missing": missing.Add(rest); break;
                case "unexpected": unexpected.Add(rest); break;
                case "mismatch": mismatched.Add(rest); break;
                case "loaded": loaded = int.Parse(rest, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
        return new LoadReport(loaded, missing, unexpected, mismatched);
    }

    public override string ToString() =>
        $"loaded {Loaded} tensors; missing {Missing.Count}, unexpected {Unexpected.Count}, mismatched {Mismatched.Count}" +
        (Mismatched.Count > 0 ? $" ({string.Join("; ", Mismatched.Take(3))})" : "");
}

/// <summary>A classifier living in the native engine: create, predict, save, load.</summary>
public sealed class Model : IDisposable
{
    internal ModelHandle Handle { get; }

    public Architecture Architecture { get; }
    public int NumClasses { get; }
    public int EmbeddingDim { get; }
    public string Device { get; }

    private Model(ModelHandle handle, Architecture architecture, string device)
    {
        Handle = handle;
        Architecture = architecture;
        Device = device;
        NumClasses = NativeMethods.wb_model_num_classes(handle);
        EmbeddingDim = NativeMethods.wb_model_embedding_dim(handle);
    }

    /// <summary>A freshly initialised model (torchvision's initialisation), identical for the same seed.</summary>
    public static Model Create(Architecture architecture, int numClasses, long seed, string device = "cpu")
    {
        if (numClasses < 2) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "a classifier needs at least 2 classes");
        Runtime.EnsureConfigured();
        var handle = NativeMethods.wb_model_create(architecture.ToName(), numClasses, seed, device);
        if (handle.IsInvalid) throw new EngineException($"creating {architecture.ToName()} on {device}: {NativeMethods.LastError()}");
        return new Model(handle, architecture, device);
    }

    public long ParameterCount => NativeMethods.wb_model_parameter_count(Handle);

    /// <summary>Sum of every parameter and buffer: a cheap fingerprint of the weights.</summary>
    public double Checksum() => NativeMethods.wb_model_checksum(Handle);

    /// <summary>Names of the state-dict entries (parameters, then buffers).</summary>
    public unsafe IReadOnlyList<string> StateNames()
    {
        var buffer = new byte[1 << 16];
        fixed (byte* output = buffer)
            NativeMethods.Check(NativeMethods.wb_model_state_names(Handle, output, buffer.Length), "listing state names");
        var text = Encoding.UTF8.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0));
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Copies all weights from another model of the same architecture.</summary>
    public void CopyFrom(Model source) =>
        NativeMethods.Check(NativeMethods.wb_model_copy_from(Handle, source.Handle), "copying weights");

    /// <summary>Writes a checkpoint that torch.load can also read (a dict of name -> tensor).</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory != null) Directory.CreateDirectory(directory);
        NativeMethods.Check(NativeMethods.wb_model_save(Handle, path), $"saving checkpoint '{path}'");
    }

    /// <summary>
    /// Loads a checkpoint or a torchvision state dict (saved with torch.save(dict(model.state_dict()), path)).
    /// Strict: every key must match. Otherwise loads what matches (e.g. ImageNet weights minus the 1000-class fc).
    /// </summary>
    public unsafe LoadReport Load(string path, bool strict = true)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"weights file '{path}' does not exist", path);
        var buffer = new byte[1 << 16];
        fixed (byte* report = buffer)
            NativeMethods.Check(NativeMethods.wb_model_load(Handle, path, strict ? 1 : 0, report, buffer.Length), "loading weights");
        return LoadReport.Parse(Encoding.UTF8.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0)));
    }

    /// <summary>Class probabilities and penultimate embeddings (eval mode, no augmentation).</summary>
    public unsafe Predictions Predict(ImageSet images, IReadOnlyList<int> ids, int batchSize = 256, bool embeddings = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var indices = ids.Select(i => (long)i).ToArray();
        var probabilities = new float[(long)indices.Length * NumClasses];
        float[]? features = embeddings ? new float[(long)indices.Length * EmbeddingDim] : null;
        fixed (long* index = indices)
        fixed (float* p = probabilities)
        fixed (float* e = features)
            NativeMethods.Check(NativeMethods.wb_predict(Handle, images.Handle, index, indices.Length, batchSize, p, e), "prediction");
        return new Predictions(probabilities, features, indices.Length, NumClasses, embeddings ? EmbeddingDim : 0);
    }

    public void Dispose() => Handle.Dispose();
}
