using Spectre.Console;
using Workbench.Loop;

namespace Workbench.Cli;

/// <summary>Draws an experiment's progress as one bar per run: rounds, phases, epochs.</summary>
internal sealed class ExperimentProgressView(ProgressContext context)
{
    public IProgress<ExperimentProgress> For(string label)
    {
        var task = context.AddTask(Markup.Escape(label), maxValue: 1);
        return new SynchronousProgress<ExperimentProgress>(update =>
        {
            var round = $"round {update.Round}/{update.Rounds}";
            if (update.Epoch is { } epoch)
            {
                task.MaxValue = epoch.TotalSteps;
                task.Value = epoch.Steps;
                task.Description = Markup.Escape($"{label} {round} train epoch {epoch.Epoch}/{epoch.Epochs} loss {epoch.Loss:F3}");
            }
            else
            {
                task.Description = Markup.Escape($"{label} {round} {update.Phase.ToString().ToLowerInvariant()}: {update.Message}");
            }
            if (update.Phase == ExperimentPhase.Finished) task.Value = task.MaxValue;
        });
    }
}
