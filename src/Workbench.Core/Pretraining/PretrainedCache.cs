using System.Text.Json;
using Workbench.Config;
using Workbench.Engine;
using Workbench.Runs;

namespace Workbench.Pretraining;

/// <summary>What identifies a pretrained checkpoint: the images it saw (data set, split, seed, size, crop), the network and the method.</summary>
/// <remarks><paramref name="Crop"/> is last with default 0, so the sidecars written before crops existed read as whole frames.</remarks>
public sealed record PretrainKey(string DataSet, string Split, int Seed, int Size, string Architecture, string Method, int Epochs,
    string Precision = "fp32", int Crop = 0)
{
    /// <summary>
    /// The folder name of the method and length, also the initialisation's name in tables: "simclr-20ep"; a bf16
    /// pretraining gives other weights, so it is its own checkpoint ("simclr-20ep-bf16") and its own start in tables.
    /// </summary>
    public string MethodTag => Precision == "fp32" ? $"{Method}-{Epochs}ep" : $"{Method}-{Epochs}ep-{Precision}";

    /// <summary>The file name (without extension) of the data and network: "bccd-paper-seed0-32px-cnn4" ("-32px-crop120-" when cropped).</summary>
    public string FileStem
    {
        get
        {
            // Own data is named "folder:/path": keep a readable, file-system-safe stem.
            var data = new string(DataSet.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()).Trim('_');
            return $"{data}-{Split}-seed{Seed}-{Size}px{Workbench.Data.NucleusCrop.Tag(Crop)}-{Architecture}";
        }
    }

    /// <summary>The key of the checkpoint a run with <paramref name="config"/> starts from, pretrained in this process's precision.</summary>
    public static PretrainKey For(ExperimentConfig config, PretrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        // Keyed by the backbone: cnn4-dropout starts from cnn4's checkpoint (its dropout belongs to the classifier).
        return new PretrainKey(config.DataSet, config.Split, config.Seed, config.ImageSize, config.ParsedArchitecture().Backbone().ToName(),
            options.Method, options.Epochs, Runtime.Precision.ToName(), config.CropPixels);
    }
}

/// <summary>The sidecar of a cached checkpoint: key, settings, images seen, and the monitor's curve.</summary>
public sealed record PretrainSidecar(PretrainKey Key, PretrainOptions Options, int Images, int MonitorImages, int Threads,
    IReadOnlyList<PretrainEpoch> Epochs, double Seconds, DateTime CreatedUtc);

/// <summary>
/// Pretrained checkpoints under <c>&lt;cache&gt;/pretrained/&lt;method&gt;-&lt;epochs&gt;ep/&lt;data&gt;-&lt;split&gt;-seed&lt;s&gt;-&lt;size&gt;px-&lt;arch&gt;.pt</c>
/// (the image cache's folder, so one --cache-dir holds both), each with a .json sidecar written after the checkpoint:
/// a checkpoint without its sidecar, or whose sidecar names another key or other settings, is not reused.
/// </summary>
public sealed class PretrainedCache(string directory)
{
    private static readonly JsonSerializerOptions Json = StoredJson.Indented;

    /// <summary>Absolute folder that holds the method folders.</summary>
    public string Directory { get; } = Path.Combine(Path.GetFullPath(directory), "pretrained");

    public string CheckpointPath(PretrainKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Path.Combine(Directory, key.MethodTag, key.FileStem + ".pt");
    }

    public string SidecarPath(PretrainKey key) => Path.ChangeExtension(CheckpointPath(key), ".json");

    /// <summary>The sidecar of a reusable checkpoint for the key and settings, or null with the reason.</summary>
    public PretrainSidecar? TryGet(PretrainKey key, PretrainOptions options, out string reason)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = CheckpointPath(key), sidecar = SidecarPath(key);
        if (!File.Exists(path) || !File.Exists(sidecar))
        {
            reason = "not cached yet";
            return null;
        }
        PretrainSidecar? stored;
        try
        {
            stored = JsonSerializer.Deserialize<PretrainSidecar>(File.ReadAllText(sidecar), Json);
        }
        catch (JsonException e)
        {
            reason = $"its sidecar cannot be read ({e.Message})";
            return null;
        }
        if (stored is null || stored.Key != key)
        {
            reason = "its sidecar names another key";
            return null;
        }
        if (stored.Options != options)
        {
            reason = "it was made with other settings";
            return null;
        }
        reason = "cached";
        return stored;
    }

    /// <summary>Writes the model's checkpoint, then the sidecar (so a sidecar always means a complete checkpoint).</summary>
    public void Store(Model model, PretrainSidecar sidecar)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sidecar);
        AtomicFile.Write(CheckpointPath(sidecar.Key), model.Save);
        AtomicFile.WriteAllText(SidecarPath(sidecar.Key), JsonSerializer.Serialize(sidecar, Json));
    }
}
