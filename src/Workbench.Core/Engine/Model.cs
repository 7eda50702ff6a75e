// Engine layer: a network in engine memory (create, predict, save, load, copy), and what loading a state dict matched.

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
    // Fits every report and name list of the built-in architectures in one call.
    private const int TextBufferLength = 1 << 16;

    private readonly ModelHandle _handle;
    private bool _disposed;

    /// <summary>
    /// The native handle; ObjectDisposedException once disposed. Checked here because a trainer's
    /// reference keeps the SafeHandle itself usable after Dispose (it is only released later).
    /// </summary>
    internal ModelHandle Handle => _disposed ? throw new ObjectDisposedException(nameof(Model)) : _handle;

    public Architecture Architecture { get; }
    public int NumClasses { get; }
    public int EmbeddingDim { get; }
    public string Device { get; }

    private Model(ModelHandle handle, Architecture architecture, string device)
    {
        _handle = handle;
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
    public IReadOnlyList<string> StateNames() => StateNames(TextBufferLength);

    /// <summary>As <see cref="StateNames()"/>, starting from a given buffer size (tests use a tiny one).</summary>
    internal unsafe IReadOnlyList<string> StateNames(int initialLength)
    {
        var text = NativeMethods.ReadText((byte* output, long length, out long needed) =>
            NativeMethods.wb_model_state_names(Handle, output, length, out needed), "listing state names", initialLength);
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
    /// Loads a checkpoint or a PyTorch state dict file: torchvision's own .pth files (torch.save of an OrderedDict,
    /// zip or legacy format) and torch.save(dict(model.state_dict()), path) alike.
    /// Strict: every key must match. Otherwise loads what matches (e.g. ImageNet weights minus the 1000-class fc).
    /// </summary>
    public LoadReport Load(string path, bool strict = true) => Load(path, strict, TextBufferLength);

    /// <summary>
    /// As <see cref="Load(string, bool)"/>, starting from a given report buffer size. A report that
    /// does not fit repeats the load with a large enough buffer (same file, same result).
    /// </summary>
    internal unsafe LoadReport Load(string path, bool strict, int initialLength)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"weights file '{path}' does not exist", path);
        var text = NativeMethods.ReadText((byte* report, long length, out long needed) =>
            NativeMethods.wb_model_load(Handle, path, strict ? 1 : 0, report, length, out needed), "loading weights", initialLength);
        return LoadReport.Parse(text);
    }

    /// <summary>
    /// Class probabilities and penultimate embeddings (eval mode, no augmentation). A cancelled <paramref name="cancel"/>
    /// stops the prediction at its next check, every <see cref="BatchesPerCancellationCheck"/> batches.
    /// </summary>
    public unsafe Predictions Predict(ImageSet images, IReadOnlyList<int> ids, int batchSize = 256, bool embeddings = true,
        CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var indices = ids.Select(i => (long)i).ToArray();
        var probabilities = new float[(long)indices.Length * NumClasses];
        float[]? features = embeddings ? new float[(long)indices.Length * EmbeddingDim] : null;
        // The native loop cannot be interrupted, so it is called per chunk of whole batches: the batches, and with them
        // the results, are exactly those of one call, and an interrupted notebook cell stops within a few batches.
        long chunk = (long)batchSize * BatchesPerCancellationCheck;
        fixed (long* index = indices)
        fixed (float* p = probabilities)
        fixed (float* e = features)
        {
            for (long start = 0; start < indices.Length; start += chunk)
            {
                cancel.ThrowIfCancellationRequested();
                long count = Math.Min(chunk, indices.Length - start);
                NativeMethods.Check(NativeMethods.wb_predict(Handle, images.Handle, index + start, count, batchSize,
                    p + start * NumClasses, e is null ? null : e + start * EmbeddingDim), "prediction");
            }
        }
        return new Predictions(probabilities, features, indices.Length, NumClasses, embeddings ? EmbeddingDim : 0);
    }

    /// <summary>Batches predicted between two looks at the cancellation token.</summary>
    internal const int BatchesPerCancellationCheck = 4;

    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }
}
