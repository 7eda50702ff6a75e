namespace Workbench.Reports;

/// <summary>
/// The token that is cancelled when the running notebook cell is interrupted or times out. The notebooks pass
/// <c>NotebookCancellation.Token</c> to long calls instead of a kernel's own global, so they also open in kernels
/// that know nothing of Workbench (.NET Interactive): there no one sets it and it is <see cref="CancellationToken.None"/>,
/// so the calls simply run to the end.
/// </summary>
public static class NotebookCancellation
{
    // Async-local, not static: a cell abandoned after an interrupt keeps its own (cancelled) token while the
    // next cell runs with a fresh one.
    private static readonly AsyncLocal<CancellationToken> Current = new();

    /// <summary>The running cell's token; <see cref="CancellationToken.None"/> where the kernel does not set one.</summary>
    public static CancellationToken Token => Current.Value;

    /// <summary>For kernels: makes <paramref name="token"/> the <see cref="Token"/> of the code that runs in the current async flow (one cell).</summary>
    public static void Use(CancellationToken token) => Current.Value = token;
}
