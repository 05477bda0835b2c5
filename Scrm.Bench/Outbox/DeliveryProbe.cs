using System.Collections.Concurrent;
using System.Diagnostics;
using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.Outbox;

/// <summary>The bench's event handler: notes the event and returns. Registered durable, like a module's handler.</summary>
internal sealed class DeliveryCounter(DeliveryProbe probe) : IEventHandler<TicketDomainEvent>
{
    public Task HandleAsync(TicketDomainEvent e, EventDelivery delivery, CancellationToken ct)
    {
        probe.Seen(e, delivery.OutboxId);
        return Task.CompletedTask;
    }
}

/// <summary>What <see cref="DeliveryCounter"/> saw: how many events, how far, and when each ticket's TicketCreated arrived.</summary>
internal sealed class DeliveryProbe
{
    private long _count;
    private long _lastId;
    private long _until = long.MaxValue;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Count => Interlocked.Read(ref _count);

    public long LastId => Interlocked.Read(ref _lastId);

    /// <summary>Ticket number → (Stopwatch timestamp and wall clock when handled, the event's OccurredAt); only while tracking.</summary>
    public ConcurrentDictionary<string, (long At, DateTimeOffset Wall, DateTimeOffset OccurredAt)> Created { get; } = new();

    public bool TrackCreated { get; set; }

    public void Seen(TicketDomainEvent e, long outboxId)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Exchange(ref _lastId, outboxId);
        if (TrackCreated && e is TicketCreated) Created.TryAdd(e.Number, (Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow, e.OccurredAt));
        if (outboxId >= Interlocked.Read(ref _until)) _reached.TrySetResult();
    }

    /// <summary>Completes once the handler has seen the event at outbox position <paramref name="id"/> (or a later one).</summary>
    public Task ReachedAsync(long id)
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _until, id);
        if (LastId >= id) _reached.TrySetResult();
        return _reached.Task;
    }
}
