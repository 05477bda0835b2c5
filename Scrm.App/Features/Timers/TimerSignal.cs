namespace Scrm.App.Features.Timers;

/// <summary>
/// Raised after a commit that scheduled a timer, so that a sleeping <see cref="TimerWorker"/> looks again at once
/// instead of sleeping past a timer due sooner than the one it waits for. Raised after the commit, never before:
/// woken earlier, the worker would not yet see the timer and go back to sleep past it.
/// </summary>
public sealed class TimerSignal
{
    private TaskCompletionSource _next = NewSignal();

    /// <summary>Completes at the next such commit. Take it before reading the next due time, so none is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
