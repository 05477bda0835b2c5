namespace Scrm.App.Events;

/// <summary>
/// Raised after every commit that stored events; the dispatcher waits on it instead of polling. Kept apart from
/// the feed so that the data layer can raise it without depending on what reads the outbox.
/// </summary>
public sealed class CommitSignal
{
    private TaskCompletionSource _next = NewSignal();

    /// <summary>Completes at the next commit that stored events. Take it before reading, so no commit is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    // Continuations run on the pool, never inline on the committing writer's thread.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
