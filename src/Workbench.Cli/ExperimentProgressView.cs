using Workbench.Loop;

namespace Workbench.Cli;

/// <summary>Draws an experiment's progress as one bar per run: rounds, phases, epochs.</summary>
internal sealed class ExperimentProgressView(ProgressBars bars)
{
    public IProgress<ExperimentProgress> For(string label)
    {
        var bar = bars.Add(label, 1);
        return new SynchronousProgress<ExperimentProgress>(update =>
        {
            var round = $"round {update.Round}/{update.Rounds}";
            if (update.Epoch is { } epoch)
            {
                bar.MaxValue = epoch.TotalSteps;
                bar.Value = epoch.Steps;
                bar.Description = $"{label} {round} train epoch {epoch.Epoch}/{epoch.Epochs} loss {epoch.Loss:F3}";
            }
            else
            {
                bar.Description = $"{label} {round} {update.Phase.ToString().ToLowerInvariant()}: {update.Message}";
            }
            if (update.Phase == ExperimentPhase.Finished) bar.Complete();
        });
    }
}
