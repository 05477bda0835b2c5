using Scrm.App.Events;

namespace Scrm.App.Realtime;

/// <summary>
/// In-process fan-out of committed changes to open screens. Subscribers get an <see cref="IDisposable"/>
/// and must dispose it with their component; a failing subscriber never stops the others.
/// </summary>
public sealed class ChangeNotifier(ILogger<ChangeNotifier> logger)
{
    private readonly Lock _gate = new();
    private Subscription[] _handlers = [];

    public IDisposable Subscribe(Func<TicketChanged, Task> handler)
    {
        var subscription = new Subscription(this, handler);
        lock (_gate) _handlers = [.. _handlers, subscription];
        return subscription;
    }

    public void Publish(TicketChanged change)
    {
        // Queued, not run inline: a screen re-reading and rendering must never hold up the writer that published.
        foreach (var subscription in Volatile.Read(ref _handlers))
            _ = Task.Run(() => subscription.InSubscribersContext(() => InvokeAsync(subscription.Handler, change)));
    }

    private async Task InvokeAsync(Func<TicketChanged, Task> handler, TicketChanged change)
    {
        try
        {
            await handler(change);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A subscriber failed to handle the change of ticket {Number}", change.Number);
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate) _handlers = _handlers.Where(s => !ReferenceEquals(s, subscription)).ToArray();
    }

    private sealed class Subscription(ChangeNotifier owner, Func<TicketChanged, Task> handler) : IDisposable
    {
        // The screen's own async context (its UI culture above all): a live re-render must speak the screen's language,
        // not that of the dispatcher thread that published the change.
        private readonly CapturedContext _subscriber = new();

        public Func<TicketChanged, Task> Handler { get; } = handler;

        public Task InSubscribersContext(Func<Task> run) => _subscriber.Run(run);

        public void Dispose() => owner.Unsubscribe(this);
    }
}

public static class RealtimeServiceCollectionExtensions
{
    public static IServiceCollection AddRealtime(this IServiceCollection services) => services
        .AddSingleton<ChangeNotifier>()
        .AddEventHandler<Scrm.Domain.Tickets.TicketDomainEvent, LiveTicketFeed>(durable: false);
}
