using System.CommandLine;
using Workbench.Config;
using Workbench.Loop;
using Workbench.Pretraining;

namespace Workbench.Cli;

/// <summary>
/// The pretraining settings as options: plain names on `pretrain`, "--pretrain-" names on train / run / reproduce (whose
/// own --epochs, --lr ... are the supervised training's). Defaults are <see cref="PretrainOptions"/>'s, so every command
/// finds the same cached checkpoint unless told otherwise.
/// </summary>
internal sealed class PretrainOptionsGroup
{
    private static readonly PretrainOptions Defaults = new();
    private readonly Option<int> _epochs, _batch, _projection;
    private readonly Option<double> _lr, _temperature, _crop, _jitter;

    public PretrainOptionsGroup(string prefix)
    {
        _epochs = new($"--{prefix}epochs") { Description = "Pretraining epochs over the training side (part of the cache key)", DefaultValueFactory = _ => Defaults.Epochs };
        _batch = new($"--{prefix}batch-size") { Description = "Images per contrastive step (two views each)", DefaultValueFactory = _ => Defaults.BatchSize };
        _lr = new($"--{prefix}lr") { Description = "Pretraining SGD learning rate (cosine to 0)", DefaultValueFactory = _ => Defaults.Sgd.LearningRate };
        _temperature = new($"--{prefix}temperature") { Description = "NT-Xent temperature", DefaultValueFactory = _ => Defaults.Contrastive.Temperature };
        _projection = new($"--{prefix}projection-dim") { Description = "Projection head output width", DefaultValueFactory = _ => Defaults.Contrastive.ProjectionDim };
        _crop = new($"--{prefix}crop-min-scale") { Description = "Smallest random-crop area fraction", DefaultValueFactory = _ => Defaults.Contrastive.CropMinScale };
        _jitter = new($"--{prefix}jitter") { Description = "Colour jitter strength (0 = none)", DefaultValueFactory = _ => Defaults.Contrastive.Jitter };
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _epochs, _batch, _lr, _temperature, _projection, _crop, _jitter }) command.Options.Add(option);
    }

    public PretrainOptions Parse(ParseResult result)
    {
        var options = Defaults with
        {
            Epochs = result.GetValue(_epochs), BatchSize = result.GetValue(_batch),
            Sgd = Defaults.Sgd with { LearningRate = result.GetValue(_lr) },
            Contrastive = Defaults.Contrastive with
            {
                Temperature = result.GetValue(_temperature), ProjectionDim = result.GetValue(_projection),
                CropMinScale = result.GetValue(_crop), Jitter = result.GetValue(_jitter),
            },
        };
        options.Validate();
        return options;
    }

    /// <summary>The cached checkpoint for the config, pretrained now with a progress bar when missing; prints the monitor's curve.</summary>
    public static PretrainedCheckpoint Ensure(ExperimentConfig config, IExperimentData data, PretrainedCache cache, PretrainOptions options)
    {
        PretrainedCheckpoint checkpoint = null!;
        var messages = new List<string>();
        Terminal.Progress(bars =>
        {
            var task = bars.Add($"pretraining {options.Method} {config.Split} seed {config.Seed}", options.Epochs);
            checkpoint = PretrainedStart.Ensure(config, data, cache, options, new SynchronousProgress<PretrainEpoch>(epoch =>
            {
                task.Value = epoch.Epoch;
                task.Description = epoch.Epoch == 0
                    ? $"pretraining: untrained kNN {epoch.KnnAccuracy:P1}"
                    : $"pretraining: epoch {epoch.Epoch}/{epoch.Epochs} loss {epoch.Loss:F3} pairs {epoch.PairAccuracy:P0} kNN {epoch.KnnAccuracy:P1}";
            }), messages.Add);
            task.Complete();
        });
        foreach (var message in messages) Terminal.Note(message);
        var sidecar = checkpoint.Sidecar;
        if (!checkpoint.Reused)
        {
            foreach (var e in sidecar.Epochs)
                Console.WriteLine(e.Epoch == 0
                    ? $"  epoch  0: kNN {e.KnnAccuracy:P1} (untrained)"
                    : $"  epoch {e.Epoch,2}: loss {e.Loss:F3}  pairs {e.PairAccuracy:P1}  kNN {e.KnnAccuracy:P1}  lr {e.LearningRate:G3}  {e.Seconds:F0}s");
            Terminal.Line(
                $"pretrained {sidecar.Key.MethodTag} on {sidecar.Images} training-side images in {sidecar.Seconds / 60:F1} min on {sidecar.Threads} thread(s); kNN monitor on {sidecar.MonitorImages} labelled images");
        }
        Console.WriteLine($"checkpoint: {checkpoint.Path} (sidecar {Path.ChangeExtension(checkpoint.Path, ".json")})");
        return checkpoint;
    }
}
