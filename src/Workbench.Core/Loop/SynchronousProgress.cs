namespace Workbench.Loop;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its action at once on the reporting thread (unlike
/// <see cref="Progress{T}"/>, which posts to a synchronization context), so reports arrive in order and an
/// exception thrown by the action stops the caller.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> action) : IProgress<T>
{
    private readonly Action<T> _action = action ?? throw new ArgumentNullException(nameof(action));

    /// <inheritdoc/>
    public void Report(T value) => _action(value);
}
