namespace Workbench.Notebooks;

/// <summary>
/// The globals visible to notebook code: <c>display(x)</c> as in .NET Interactive (and
/// <c>Display(x)</c>), plus the token that is cancelled when the cell times out.
/// </summary>
public sealed class NotebookGlobals
{
    /// <summary>Cancelled when the running cell is cancelled or times out; long loops may check it.</summary>
    public CancellationToken CancellationToken { get; internal set; }

    /// <summary>The folder of the notebook being run (where relative #r paths are resolved).</summary>
    public string NotebookDirectory { get; internal set; } = "";

#pragma warning disable IDE1006 // lower-case to match .NET Interactive's display()
    /// <summary>Shows <paramref name="value"/> as a display_data output of the running cell.</summary>
    public void display(object? value) => Display(value);
#pragma warning restore IDE1006

    /// <summary>Shows <paramref name="value"/> as a display_data output of the running cell.</summary>
    public void Display(object? value)
    {
        var collector = ConsoleCapture.Current
            ?? throw new InvalidOperationException("display() was called outside a running cell");
        collector.Add(new DisplayDataOutput(DisplayFormatter.Format(value)));
    }
}
