namespace Scrm.App.Features.Dashboards;

/// <summary>
/// "The rollups changed": raised after each committed rollup batch. Open dashboards listen and reload at most once per
/// refresh window (<see cref="KpiRefresh"/>), so a burst of events costs each dashboard one query batch, not one per event.
/// </summary>
public sealed class KpiChanges
{
    private readonly Lock _lock = new();
    private readonly List<Action> _listeners = [];

    public long Published { get; private set; }

    public IDisposable Subscribe(Action listener)
    {
        lock (_lock) _listeners.Add(listener);
        return new Subscription(this, listener);
    }

    public void Publish()
    {
        Action[] listeners;
        lock (_lock)
        {
            Published++;
            listeners = [.. _listeners];
        }
        foreach (var listener in listeners) listener();
    }

    private void Unsubscribe(Action listener)
    {
        lock (_lock) _listeners.Remove(listener);
    }

    private sealed class Subscription(KpiChanges owner, Action listener) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(listener);
    }
}

/// <summary>
/// Debounces change signals for one dashboard: the first signal starts a window; at its end the dashboard reloads once,
/// however many signals came in. Never runs two reloads at a time.
/// </summary>
public sealed class KpiRefresh : IDisposable
{
    private readonly TimeSpan _window;
    private readonly Func<Task> _reload;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private int _pending;

    public KpiRefresh(KpiChanges changes, TimeSpan window, Func<Task> reload, TimeProvider? time = null)
    {
        (_window, _reload, _time) = (window, reload, time ?? TimeProvider.System);
        _subscription = changes.Subscribe(Signal);
    }

    private readonly IDisposable _subscription;

    public int Reloads { get; private set; }

    private void Signal()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return;
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.Delay(_window, _time, _stop.Token);
            Interlocked.Exchange(ref _pending, 0);
            Reloads++;
            await _reload();
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }
}
