namespace Scrm.App.Features.Dispatch;

/// <summary>
/// Live positions for open control rooms. Pings are telemetry, not ticket changes: they do not go through the outbox
/// (thousands a second would crowd out the events that matter); a ping lost to a restart is replaced by the next.
/// </summary>
public sealed class PositionFeed
{
    private readonly Lock _gate = new();
    private ImmutableSubscribers _subscribers = new([]);

    public IDisposable Subscribe(Func<IReadOnlyList<PositionUpdate>, Task> listener)
    {
        lock (_gate) _subscribers = new([.. _subscribers.Listeners, listener]);
        return new Subscription(this, listener);
    }

    public void Publish(IReadOnlyList<PositionUpdate> updates)
    {
        if (updates.Count == 0) return;
        foreach (var listener in _subscribers.Listeners)
            _ = Notify(listener, updates);
    }

    // A slow or failing page must not hold up the API call that brought the pings.
    private static async Task Notify(Func<IReadOnlyList<PositionUpdate>, Task> listener, IReadOnlyList<PositionUpdate> updates)
    {
        try
        {
            await listener(updates);
        }
        catch (Exception)
        {
            // The page's circuit is gone or broken; it unsubscribes when it is disposed.
        }
    }

    private void Unsubscribe(Func<IReadOnlyList<PositionUpdate>, Task> listener)
    {
        lock (_gate) _subscribers = new(_subscribers.Listeners.Where(l => l != listener).ToArray());
    }

    private sealed record ImmutableSubscribers(Func<IReadOnlyList<PositionUpdate>, Task>[] Listeners);

    private sealed class Subscription(PositionFeed feed, Func<IReadOnlyList<PositionUpdate>, Task> listener) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(listener);
    }
}
