namespace Scrm.App.Features.Notifications;

/// <summary>A new in-app message for a user, published after it committed.</summary>
public sealed record InboxNotice(string UserId, long ItemId, string Subject, bool Urgent);

/// <summary>
/// In-process fan-out of new inbox items to the bells of the users they are for. Subscribers dispose their
/// subscription with their component; a failing subscriber never stops the others.
/// </summary>
public sealed class InboxNotifier(ILogger<InboxNotifier> logger)
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public IDisposable Subscribe(string userId, Func<InboxNotice, Task> handler)
    {
        var subscription = new Subscription(this, userId, handler);
        lock (_gate) _subscriptions = [.. _subscriptions, subscription];
        return subscription;
    }

    public void Publish(IEnumerable<InboxNotice> notices)
    {
        var subscriptions = Volatile.Read(ref _subscriptions);
        foreach (var notice in notices)
        foreach (var subscription in subscriptions.Where(s => s.UserId == notice.UserId))
            _ = Task.Run(() => subscription.Context.Run(() => InvokeAsync(subscription.Handler, notice)));
    }

    private async Task InvokeAsync(Func<InboxNotice, Task> handler, InboxNotice notice)
    {
        try
        {
            await handler(notice);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A bell failed to take inbox item {Item}", notice.ItemId);
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate) _subscriptions = _subscriptions.Where(s => !ReferenceEquals(s, subscription)).ToArray();
    }

    private sealed class Subscription(InboxNotifier owner, string userId, Func<InboxNotice, Task> handler) : IDisposable
    {
        // The bell's own context (its UI culture): the toast must speak the user's language.
        public CapturedContext Context { get; } = new();

        public string UserId { get; } = userId;

        public Func<InboxNotice, Task> Handler { get; } = handler;

        public void Dispose() => owner.Unsubscribe(this);
    }
}
