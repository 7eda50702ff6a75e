using System.CommandLine;
using Workbench.Engine;

namespace Workbench.Cli;

/// <summary>
/// Consistency training's settings as options (train, run, reproduce). `train --fixmatch` trains on its unlabelled
/// training images too; run and reproduce read them for the fixmatch recipes. Defaults are <see cref="ConsistencyOptions"/>'s.
/// </summary>
internal sealed class ConsistencyOptionsGroup
{
    private static readonly ConsistencyOptions Defaults = new();
    private readonly Option<double> _threshold, _weight, _crop, _jitter, _grey, _cutout;
    private readonly Option<int> _ratio;

    public ConsistencyOptionsGroup()
    {
        _threshold = new("--fixmatch-threshold") { Description = "Confidence of the weak view that pseudo-labels the strong one", DefaultValueFactory = _ => Defaults.Threshold };
        _weight = new("--fixmatch-weight") { Description = "Weight of the unlabelled loss", DefaultValueFactory = _ => Defaults.Weight };
        _ratio = new("--unlabelled-ratio") { Description = "Unlabelled images per labelled image in a step (FixMatch's mu)", DefaultValueFactory = _ => Defaults.UnlabelledRatio };
        _crop = new("--strong-crop-min-scale") { Description = "Strong view: smallest random-crop area fraction", DefaultValueFactory = _ => Defaults.CropMinScale };
        _jitter = new("--strong-jitter") { Description = "Strong view: brightness / contrast / saturation jitter (no hue)", DefaultValueFactory = _ => Defaults.Jitter };
        _grey = new("--strong-grey") { Description = "Strong view: share of jittered views turned grey", DefaultValueFactory = _ => Defaults.Grey };
        _cutout = new("--strong-cutout") { Description = "Strong view: side of the cut-out square / image side (0 = none)", DefaultValueFactory = _ => Defaults.Cutout };
    }

    private Option[] All => [_threshold, _weight, _ratio, _crop, _jitter, _grey, _cutout];

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>True when any of the options was given on the command line.</summary>
    public bool AnyGiven(ParseResult result) => All.Any(o => result.GetResult(o) is { Implicit: false });

    public ConsistencyOptions Parse(ParseResult result)
    {
        var options = new ConsistencyOptions
        {
            Threshold = result.GetValue(_threshold), Weight = result.GetValue(_weight), UnlabelledRatio = result.GetValue(_ratio),
            CropMinScale = result.GetValue(_crop), Jitter = result.GetValue(_jitter), Grey = result.GetValue(_grey), Cutout = result.GetValue(_cutout),
        };
        try { options.Validate(); }
        catch (ArgumentOutOfRangeException e)
        {
            // One line naming the option, not the record's property and the runtime's "Actual value was" line.
            throw new ArgumentException($"FixMatch option {e.ParamName}: {e.Message.Split(" (Parameter", 2)[0].Split('\n')[0].TrimEnd()}, got {e.ActualValue}");
        }
        return options;
    }
}
