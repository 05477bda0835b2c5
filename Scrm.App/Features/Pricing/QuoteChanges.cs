using Scrm.App.Events;
using Scrm.Domain.Pricing;

namespace Scrm.App.Features.Pricing;

/// <summary>
/// Tells open quote panels that a ticket's quote changed (in another browser, or by the API), so they reload:
/// a component subscribes, reloads through <c>InvokeAsync</c>, and disposes its subscription.
/// </summary>
public sealed class QuoteChanges
{
    private readonly Lock _lock = new();
    private readonly List<Func<long, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<long, Task> onChanged)
    {
        lock (_lock) _subscribers.Add(onChanged);
        return new Subscription(this, onChanged);
    }

    public async Task PublishAsync(long ticketId)
    {
        Func<long, Task>[] subscribers;
        lock (_lock) subscribers = [.. _subscribers];
        foreach (var subscriber in subscribers)
        {
            try { await subscriber(ticketId); }
            catch (ObjectDisposedException) { /* a circuit that closed between the copy and the call */ }
        }
    }

    private void Unsubscribe(Func<long, Task> onChanged)
    {
        lock (_lock) _subscribers.Remove(onChanged);
    }

    private sealed class Subscription(QuoteChanges owner, Func<long, Task> onChanged) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onChanged);
    }
}

/// <summary>Passes each QuoteUpdated on to the open panels; nothing is written, so redelivery only reloads a panel again.</summary>
public sealed class QuoteLiveFeed(QuoteChanges changes) : IEventHandler<QuoteUpdated>
{
    public Task HandleAsync(QuoteUpdated e, EventDelivery delivery, CancellationToken ct) => changes.PublishAsync(e.TicketId);
}
