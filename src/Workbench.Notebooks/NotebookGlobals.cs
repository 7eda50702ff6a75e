namespace Workbench.Notebooks;

/// <summary>
/// The globals visible to notebook code: <c>display(x)</c> as in .NET Interactive (and
/// <c>Display(x)</c>), <c>input()</c>, plus the token that is cancelled when the cell is interrupted
/// or times out.
/// </summary>
public sealed class NotebookGlobals
{
    /// <summary>
    /// Cancelled when the running cell is interrupted (Jupyter's stop button) or times out. Pass it to
    /// Workbench calls that take a CancellationToken (Experiment.Run, TrainingLoop.Fit, …) so they stop at
    /// their next check: <c>experiment.Run(Cancellation)</c>. The same token as
    /// <see cref="Workbench.Reports.NotebookCancellation.Token"/>, which notebooks meant for other kernels too use instead.
    /// </summary>
    public CancellationToken Cancellation { get; internal set; }

    /// <summary>The same token as <see cref="Cancellation"/> (the older name).</summary>
    public CancellationToken CancellationToken => Cancellation;

    /// <summary>The folder of the notebook being run (where relative #r paths are resolved).</summary>
    public string NotebookDirectory { get; internal set; } = "";

#pragma warning disable IDE1006 // lower-case to match .NET Interactive's display() and Python's input()
    /// <summary>Shows <paramref name="value"/> as a display_data output of the running cell.</summary>
    public DisplayHandle display(object? value) => Display(value);

    /// <summary>Asks the person at the front end for a line of text (Jupyter stdin); an error in the headless runner.</summary>
    public string input(string prompt = "") => Input(prompt);
#pragma warning restore IDE1006

    /// <summary>Shows <paramref name="value"/> as a display_data output of the running cell; the handle can update it.</summary>
    public DisplayHandle Display(object? value)
    {
        var sink = CurrentSink("display()");
        var handle = new DisplayHandle(Guid.NewGuid().ToString("N"), sink);
        sink.Add(new DisplayDataOutput(DisplayFormatter.Format(value)), handle.Id);
        return handle;
    }

    /// <summary>Asks for a line of text; <paramref name="password"/> hides the typing.</summary>
    public string Input(string prompt = "", bool password = false) => CurrentSink("input()").ReadInput(prompt ?? "", password);

    private static ICellOutputSink CurrentSink(string what) =>
        ConsoleCapture.Current ?? throw new InvalidOperationException($"{what} was called outside a running cell");
}
