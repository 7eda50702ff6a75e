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

    /// <summary>The model's tensors: those loaded plus those that start from the model's own initialisation.</summary>
    public int ModelTensors => Loaded + Missing.Count + Mismatched.Count;

    /// <summary>
    /// What a user reads, e.g. "loaded 120 of 122 tensors; fc.weight [1000, 512] and fc.bias [1000] do not fit this
    /// model (it has [4, 512] and [4]) and start random".
    /// </summary>
    public override string ToString()
    {
        var parts = new List<string> { $"loaded {Loaded} of {ModelTensors} tensors" };
        if (Mismatched.Count > 0)
        {
            // Each line is "name [file shape] [model shape]" (the engine's report).
            var fits = Mismatched.Select(SplitMismatch).ToList();
            parts.Add($"{Join(fits.Select(f => $"{f.Name} {f.File}"))} {(fits.Count == 1 ? "does" : "do")} not fit this model "
                + $"(it has {Join(fits.Select(f => f.Model))}) and start{(fits.Count == 1 ? "s" : "")} random");
        }
        if (Missing.Count > 0)
            parts.Add($"{Count(Missing.Count)} of the model {(Missing.Count == 1 ? "is" : "are")} not in the file and start{(Missing.Count == 1 ? "s" : "")} random: {Sample(Missing)}");
        if (Unexpected.Count > 0)
            parts.Add($"{Count(Unexpected.Count)} of the file {(Unexpected.Count == 1 ? "is" : "are")} not in the model and {(Unexpected.Count == 1 ? "is" : "are")} ignored: {Sample(Unexpected)}");
        return string.Join("; ", parts);
    }

    private static (string Name, string File, string Model) SplitMismatch(string line)
    {
        int first = line.IndexOf(" [", StringComparison.Ordinal);
        int second = first < 0 ? -1 : line.IndexOf("] [", first, StringComparison.Ordinal);
        return first < 0 || second < 0 ? (line, "", "?") : (line[..first], line[(first + 1)..(second + 1)], line[(second + 2)..]);
    }

    private static string Count(int n) => n == 1 ? "1 tensor" : $"{n} tensors";

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list.Take(list.Count - 1))} and {list[^1]}";
    }

    private static string Sample(IReadOnlyList<string> names) =>
        names.Count <= 4 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(4))} and {names.Count - 4} more";
}

/// <summary>A classifier living in the native engine: create, predict, save, load.</summary>
public sealed class Model : IDisposable
{
    // Fits every report and name list of the built-in architectures in one call.
    private const int TextBufferLength = 1 << 16;

    private readonly ModelHandle _handle;
    private bool _disposed;

    /// <summary>
    /// The native handle; ObjectDisposedException naming the Model once disposed (the closed SafeHandle would only
    /// say "Safe handle has been closed"). Trainers do not need it after creation: they co-own the native state.
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
        return new Model(handle, architecture, device) { Precision = Runtime.Precision };
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
    /// Whether <see cref="Predict"/> on CPU runs a cached copy of the weights with batch norm folded into the
    /// convolutions (oneDNN-packed; the default, faster) or the eager modules (the reference). Both give the same
    /// predictions up to float rounding; the copy is refreshed after anything that changes the weights.
    /// </summary>
    public bool FoldedInference
    {
        get => _foldedInference;
        set
        {
            NativeMethods.Check(NativeMethods.wb_model_set_folded_inference(Handle, value ? 1 : 0), "setting folded inference");
            _foldedInference = value;
        }
    }
    private bool _foldedInference = true;

    /// <summary>
    /// The precision training, pretraining and prediction of this model compute in (<see cref="Runtime.Precision"/>
    /// when it was created). Weights stay float32 either way, so checkpoints do not depend on it.
    /// </summary>
    public Precision Precision
    {
        get => (Precision)NativeMethods.wb_model_precision(Handle);
        set => NativeMethods.Check(NativeMethods.wb_model_set_precision(Handle, (int)value), $"setting precision {value.ToName()}");
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
        fixed (long* index = indices)
        fixed (float* p = probabilities)
        fixed (float* e = features)
        {
            var (i, pr, em) = ((IntPtr)index, (IntPtr)p, (IntPtr)e);
            InChunks(indices.Length, batchSize, cancel, (start, count, _) => NativeMethods.Check(NativeMethods.wb_predict(Handle, images.Handle,
                (long*)i + start, count, batchSize, (float*)pr + start * NumClasses, em == IntPtr.Zero ? null : (float*)em + start * EmbeddingDim), "prediction"));
        }
        return new Predictions(probabilities, features, indices.Length, NumClasses, embeddings ? EmbeddingDim : 0);
    }

    /// <summary>
    /// The training dropout rate between the embedding and the classifier (0 when the architecture has none), the rate
    /// <see cref="PredictWithDropout"/> samples.
    /// </summary>
    public double HeadDropout => NativeMethods.wb_model_head_dropout(Handle);

    /// <summary>
    /// MC-dropout: the embedding once in eval mode, then <paramref name="samples"/> passes of the classifier, each with a
    /// fresh dropout mask at <see cref="HeadDropout"/> drawn from <paramref name="seed"/> (same seed, same passes).
    /// </summary>
    /// <exception cref="EngineException">The model has no dropout before its classifier.</exception>
    public unsafe SampledPredictions PredictWithDropout(ImageSet images, IReadOnlyList<int> ids, int samples, long seed,
        int batchSize = 256, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var indices = ids.Select(i => (long)i).ToArray();
        var probabilities = new float[(long)indices.Length * samples * NumClasses];
        fixed (long* index = indices)
        fixed (float* p = probabilities)
        {
            // Each chunk draws its masks from its own seed, so a chunk's passes do not depend on where the previous one
            // left the generator.
            var (i, pr) = ((IntPtr)index, (IntPtr)p);
            InChunks(indices.Length, batchSize, cancel, (start, count, chunkIndex) => NativeMethods.Check(NativeMethods.wb_predict_mc_dropout(Handle,
                images.Handle, (long*)i + start, count, batchSize, samples, seed + chunkIndex, (float*)pr + start * samples * NumClasses), "MC-dropout prediction"));
        }
        return new SampledPredictions(probabilities, indices.Length, samples, NumClasses);
    }

    /// <summary>Batches predicted between two looks at the cancellation token.</summary>
    internal const int BatchesPerCancellationCheck = 4;

    // The native loops cannot be interrupted, so they are called per chunk of whole batches: the batches, and with them
    // the results, are exactly those of one call, and an interrupted notebook cell stops within a few batches.
    private static void InChunks(long total, int batchSize, CancellationToken cancel, Action<long, long, long> call)
    {
        long chunk = (long)batchSize * BatchesPerCancellationCheck;
        for (long start = 0; start < total; start += chunk)
        {
            cancel.ThrowIfCancellationRequested();
            call(start, Math.Min(chunk, total - start), start / chunk);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }
}
