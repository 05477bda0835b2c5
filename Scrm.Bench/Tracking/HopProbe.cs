using System.Collections.Concurrent;
using System.Diagnostics;
using Scrm.App.Events;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.Tracking;

/// <summary>
/// A live (non-durable) handler of its own loop beside the tracking broadcaster: notes when the outbox dispatcher hands
/// each status change of the bench ticket to a live handler, so that the whole path can be split into hops
/// (API call, commit → dispatch, dispatch → viewers).
/// </summary>
internal sealed class HopProbe(HopTimes times) : IEventHandler<TicketStatusChanged>
{
    public Task HandleAsync(TicketStatusChanged e, EventDelivery delivery, CancellationToken ct)
    {
        times.Dispatched.Enqueue(Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }
}

internal sealed class HopTimes
{
    /// <summary>In order: the bench moves its ticket one update at a time, so the i-th entry after the start is update i.</summary>
    public ConcurrentQueue<long> Dispatched { get; } = new();
}
