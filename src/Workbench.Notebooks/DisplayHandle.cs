namespace Workbench.Notebooks;

/// <summary>
/// A value shown with <c>display()</c>. <see cref="Update"/> replaces what is shown, e.g. a progress
/// table refreshed every epoch. Not shown itself when it is a cell's final value.
/// </summary>
public sealed class DisplayHandle
{
    private readonly ICellOutputSink _origin;

    internal DisplayHandle(string id, ICellOutputSink origin)
    {
        Id = id;
        _origin = origin;
    }

    /// <summary>The Jupyter <c>display_id</c>.</summary>
    public string Id { get; }

    /// <summary>Shows <paramref name="value"/> in place of the displayed value (same MIME bundles as display()).</summary>
    public void Update(object? value)
    {
        var data = DisplayFormatter.Format(value);
        // A handle kept from an earlier cell updates through the cell running now.
        if (!_origin.TryUpdateDisplay(Id, data)) ConsoleCapture.Current?.TryUpdateDisplay(Id, data);
    }

    /// <inheritdoc />
    public override string ToString() => $"display {Id}";
}
