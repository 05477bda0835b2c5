using Scrm.App.Events;

namespace Scrm.App.Realtime;

/// <summary>
/// In-process fan-out of committed changes to open screens. Subscribers get an <see cref="IDisposable"/>
/// and must dispose it with their component; a failing subscriber never stops the others.
/// </summary>
public sealed class ChangeNotifier(ILogger<ChangeNotifier> logger)
{
    private readonly ILogger _logger = logger;
    private readonly Lock _gate = new();
    private Listener[] _listeners = [];

    /// <summary>Every change, each handed to <paramref name="handler"/> on the pool (for a screen that applies each change itself).</summary>
    public IDisposable Subscribe(Func<TicketChanged, Task> handler) => Add(new EachChange(this, handler));

    /// <summary>
    /// For a screen that re-reads what it shows when a change concerns it: <paramref name="concerns"/> is asked on the
    /// publisher's thread (keep it a cheap check of the change's fields), and the re-reads are coalesced by a
    /// <see cref="ScreenRefresh"/>, so that a burst of changes costs the screen a few re-reads, the last after the newest change.
    /// </summary>
    public IDisposable SubscribeReread(Func<TicketChanged, bool> concerns, Func<Task> reread, TimeSpan? spacing = null) =>
        Add(new Reread(this, concerns, new ScreenRefresh(reread, spacing ?? ScreenRefresh.DefaultSpacing, _logger)));

    public void Publish(TicketChanged change)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                listener.Hear(change);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A subscriber failed to handle the change of ticket {Number}", change.Number);
            }
        }
    }

    private Listener Add(Listener listener)
    {
        lock (_gate) _listeners = [.. _listeners, listener];
        return listener;
    }

    private void Remove(Listener listener)
    {
        lock (_gate) _listeners = _listeners.Where(s => !ReferenceEquals(s, listener)).ToArray();
    }

    private abstract class Listener(ChangeNotifier owner) : IDisposable
    {
        protected ChangeNotifier Owner => owner;

        public abstract void Hear(TicketChanged change);

        public virtual void Dispose() => owner.Remove(this);
    }

    private sealed class EachChange(ChangeNotifier owner, Func<TicketChanged, Task> handler) : Listener(owner)
    {
        // The screen's own async context (its UI culture above all): a live re-render must speak the screen's language,
        // not that of the dispatcher thread that published the change.
        private readonly CapturedContext _subscriber = new();

        // Queued, not run inline: a screen re-reading and rendering must never hold up the loop that published.
        public override void Hear(TicketChanged change) => _ = Task.Run(() => _subscriber.Run(() => InvokeAsync(change)));

        private async Task InvokeAsync(TicketChanged change)
        {
            try
            {
                await handler(change);
            }
            catch (Exception ex)
            {
                Owner._logger.LogWarning(ex, "A subscriber failed to handle the change of ticket {Number}", change.Number);
            }
        }
    }

    private sealed class Reread(ChangeNotifier owner, Func<TicketChanged, bool> concerns, ScreenRefresh refresh) : Listener(owner)
    {
        // Only a change that concerns the screen and finds no re-read already under way starts work.
        public override void Hear(TicketChanged change)
        {
            if (concerns(change)) refresh.Notice();
        }

        public override void Dispose()
        {
            base.Dispose();
            refresh.Dispose();
        }
    }
}

public static class RealtimeServiceCollectionExtensions
{
    public static IServiceCollection AddRealtime(this IServiceCollection services) => services
        .AddSingleton<ChangeNotifier>()
        .AddEventHandler<Scrm.Domain.Tickets.TicketDomainEvent, LiveTicketFeed>(durable: false);
}
