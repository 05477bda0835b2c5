namespace Scrm.App.Features.Notifications;

/// <summary>Raised after a commit that queued deliveries, so that a sleeping <see cref="DeliveryWorker"/> looks at once.</summary>
public sealed class DeliverySignal
{
    private TaskCompletionSource _next = NewSignal();

    /// <summary>Completes at the next such commit. Take it before looking for due rows, so none is missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
