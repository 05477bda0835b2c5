namespace Scrm.App.Features.Timers;

/// <summary>
/// One write's view of some tickets' timers of one kind, read with one query (<see cref="DueTimers.IndexAsync"/>):
/// scheduling one of their keys then needs no query of its own. A batch handler starting flows for 500 new tickets
/// asked the database once per ticket whether its first task's timer existed.
/// </summary>
public sealed class TimerIndex
{
    private readonly Dictionary<string, DueTimer> _byKey;
    private readonly HashSet<long> _tickets;

    internal TimerIndex(string kind, IEnumerable<long> tickets, IEnumerable<DueTimer> timers)
    {
        Kind = kind;
        _tickets = [.. tickets];
        _byKey = timers.ToDictionary(t => t.Key);
    }

    public string Kind { get; }

    /// <summary>Whether every timer of <paramref name="kind"/> of the ticket is known here (present or absent).</summary>
    public bool Covers(string kind, long? ticketId) => kind == Kind && ticketId is { } id && _tickets.Contains(id);

    internal DueTimer? Find(string key) => _byKey.GetValueOrDefault(key);

    internal void Remember(DueTimer timer) => _byKey[timer.Key] = timer;
}
