namespace Scrm.App.Events;

/// <summary>
/// The events committed last, kept in memory as they were stored, so that the dispatcher's loops read what was just
/// committed without a query and without parsing JSON again (each loop used to read and parse the same rows). Only
/// an accelerator: it answers only when it holds every position right after the one asked for, one after another,
/// which proves that no committed row lies in between; otherwise the outbox table answers, as after a restart.
/// </summary>
public sealed class RecentEvents
{
    public const int Capacity = 8192;

    private readonly StoredEvent?[] _ring = new StoredEvent?[Capacity];
    private readonly Lock _lock = new();

    // The newest position this process committed through the ring; unknown (-1) at start and after a commit that
    // stored events some other way, until the ring's next commit (whose rows come after every row committed before it).
    private long _newest = -1;

    /// <summary>Called after the commit that stored <paramref name="events"/> (in position order), before the dispatcher is woken.</summary>
    public void Committed(IReadOnlyList<StoredEvent> events)
    {
        lock (_lock)
        {
            foreach (var e in events) _ring[e.Id % Capacity] = e;
            if (events.Count > 0) _newest = Math.Max(_newest, events[^1].Id);
        }
    }

    /// <summary>Called after a commit that stored events without handing them here: until the next ring commit, only the table knows.</summary>
    public void CommittedElsewhere()
    {
        lock (_lock) _newest = -1;
    }

    /// <summary>
    /// Whether this process has committed nothing after <paramref name="after"/>: true only when the newest row it
    /// committed came through the ring. Another process's rows are not known here; the dispatcher's slow poll reads them.
    /// </summary>
    public bool NothingAfter(long after)
    {
        lock (_lock) return _newest >= 0 && after >= _newest;
    }

    /// <summary>
    /// The events right after <paramref name="after"/>, without a gap, up to <paramref name="max"/>; null when the first
    /// of them is not held here (then the outbox must be read).
    /// </summary>
    public List<StoredEvent>? After(long after, int max)
    {
        lock (_lock)
        {
            List<StoredEvent>? found = null;
            for (var id = after + 1; found is null || found.Count < max; id++)
            {
                if (_ring[id % Capacity] is not { } e || e.Id != id) break;
                (found ??= []).Add(e);
            }
            return found;
        }
    }
}
