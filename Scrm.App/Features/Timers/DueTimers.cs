using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;

namespace Scrm.App.Features.Timers;

/// <summary>
/// Schedules and cancels timers inside the caller's write: on its context, so the timer commits (or not) with the
/// change that asked for it. Nothing is saved here; the write path saves the context.
/// </summary>
public sealed class DueTimers(TimerSignal signal, TimeProvider clock)
{
    /// <summary>
    /// The timer called <paramref name="key"/> falls due at <paramref name="dueAt"/>. Scheduling a key again keeps one
    /// timer and moves it (a cancelled or parked one comes back with a clean slate); a timer that fired stays fired.
    /// </summary>
    /// <param name="index">The write's timers of this kind for a batch's tickets: a key of a ticket it covers is found there, not asked for.</param>
    public async Task<DueTimer> ScheduleAsync(ScrmDbContext db, string kind, string key, DateTimeOffset dueAt,
        long? ticketId = null, string payload = "{}", CancellationToken ct = default, TimerIndex? index = null)
    {
        var indexed = index is not null && index.Covers(kind, ticketId);
        var timer = indexed ? index!.Find(key) : await FindAsync(db, key, ct);
        timer = Move(db, timer, kind, key, dueAt, ticketId, payload);
        if (indexed) index!.Remember(timer);
        return timer;
    }

    /// <summary>The timers of <paramref name="kind"/> of these tickets, read once for a batch's <see cref="ScheduleAsync"/> calls.</summary>
    public async Task<TimerIndex> IndexAsync(ScrmDbContext db, string kind, IReadOnlyCollection<long> ticketIds, CancellationToken ct) =>
        new(kind, ticketIds, (await PendingOrFiredAsync(db, kind, ticketIds, ct)).SelectMany(g => g));

    /// <summary>
    /// A ticket's timers of <paramref name="kind"/> become exactly <paramref name="wanted"/>: each scheduled (or moved)
    /// as <see cref="ScheduleAsync"/> would, every other pending one cancelled. One query reads them all, where
    /// scheduling key by key asks once per key — a ticket's SLA ladder is a dozen timers, kept on every status move.
    /// </summary>
    public async Task KeepAsync(ScrmDbContext db, string kind, long ticketId,
        IReadOnlyList<(string Key, DateTimeOffset DueAt, string Payload)> wanted, CancellationToken ct = default) =>
        Keep(db, kind, ticketId, (await PendingOrFiredAsync(db, kind, [ticketId], ct))[ticketId].ToList(), wanted);

    /// <summary>
    /// The timers of <paramref name="kind"/> of several tickets, read with one query for <see cref="Keep"/>: every
    /// one not yet fired, and the fired ones (a fired key is never scheduled again). Cancelled ones are kept too, so
    /// that scheduling their key again revives them instead of adding a second row.
    /// </summary>
    public async Task<ILookup<long, DueTimer>> PendingOrFiredAsync(ScrmDbContext db, string kind, IReadOnlyCollection<long> ticketIds, CancellationToken ct)
    {
        var ids = ticketIds as List<long> ?? ticketIds.ToList();
        var stored = await db.Set<DueTimer>().Where(t => t.Kind == kind && t.TicketId != null && ids.Contains(t.TicketId.Value)).ToListAsync(ct);
        // Timers added earlier in this write are not in the database yet. One look at the tracker for the whole batch:
        // a look per ticket (in Keep) walked every tracked row each time, quadratic in a batch of hundreds of tickets.
        var asked = ids.ToHashSet();
        var added = db.Tracked<DueTimer>().Where(t => t.Kind == kind && t.TicketId is { } id && asked.Contains(id));
        return stored.Concat(added).DistinctBy(t => t.Key).ToLookup(t => t.TicketId!.Value);
    }

    /// <summary>
    /// <see cref="KeepAsync"/> on timers already read (<see cref="PendingOrFiredAsync"/>, which includes those added
    /// earlier in the same write): read them again after keeping another set for the same ticket in one write.
    /// </summary>
    public void Keep(ScrmDbContext db, string kind, long ticketId, IReadOnlyList<DueTimer> stored,
        IReadOnlyList<(string Key, DateTimeOffset DueAt, string Payload)> wanted)
    {
        var known = stored.DistinctBy(t => t.Key).ToDictionary(t => t.Key);
        foreach (var (key, dueAt, payload) in wanted)
            known[key] = Move(db, known.GetValueOrDefault(key), kind, key, dueAt, ticketId, payload);
        var keep = wanted.Select(w => w.Key).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var timer in known.Values.Where(t => !keep.Contains(t.Key) && t.FiredAt is null))
            timer.CancelledAt ??= now;
    }

    private DueTimer Move(ScrmDbContext db, DueTimer? timer, string kind, string key, DateTimeOffset dueAt, long? ticketId, string payload)
    {
        if (timer is null)
        {
            timer = new DueTimer { Kind = kind, Key = key };
            db.Set<DueTimer>().Add(timer);
        }
        else if (timer.FiredAt is not null)
        {
            return timer;
        }
        timer.Kind = kind;
        timer.DueAt = dueAt.ToUniversalTime();
        timer.TicketId = ticketId;
        timer.Payload = payload;
        timer.CancelledAt = null;
        timer.Attempts = 0;
        timer.LastError = null;
        // A worker holding the old time loses its claim: its fired mark requires the claim, so it cannot fire early.
        timer.ClaimedBy = null;
        timer.ClaimedUntil = null;
        WakeAfterCommit(db);
        return timer;
    }

    /// <summary>The timer called <paramref name="key"/> will not fire; false when there is none or it has fired.</summary>
    public async Task<bool> CancelAsync(ScrmDbContext db, string key, CancellationToken ct = default)
    {
        var timer = await FindAsync(db, key, ct);
        if (timer is null || timer.FiredAt is not null) return false;
        timer.CancelledAt ??= clock.GetUtcNow();
        return true;
    }

    /// <summary>
    /// For a handler that finds, once fired, that its timer came too early: the worker's fired mark on
    /// <paramref name="fired"/> is undone in the same write, and the timer falls due again at <paramref name="dueAt"/>
    /// when that is later than now, or waits cancelled (to be scheduled again by its key) when it is not.
    /// </summary>
    public Task<int> PutBackAsync(ScrmDbContext db, DueTimer fired, DateTimeOffset? dueAt, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var later = dueAt > now;
        var newDue = later ? dueAt!.Value.ToUniversalTime() : fired.DueAt;
        DateTimeOffset? cancelled = later ? null : now;
        if (later) WakeAfterCommit(db);
        // The worker marked it fired with a statement, not through the tracker, so it is undone the same way.
        return db.Set<DueTimer>().Where(t => t.Id == fired.Id).ExecuteUpdateAsync(u => u
            .SetProperty(t => t.FiredAt, (DateTimeOffset?)null)
            .SetProperty(t => t.ClaimedBy, (string?)null)
            .SetProperty(t => t.ClaimedUntil, (DateTimeOffset?)null)
            .SetProperty(t => t.DueAt, newDue)
            .SetProperty(t => t.CancelledAt, cancelled), ct);
    }

    /// <summary>
    /// For a batch handler, after it kept its tickets' timers: the new ones go in with one INSERT per chunk instead of
    /// one command each at the save (<see cref="DueTimerRows"/>). Nothing without a transaction or for a single row.
    /// </summary>
    public Task<int> InsertAddedAsync(ScrmDbContext db, CancellationToken ct) => DueTimerRows.InsertAddedAsync(db, ct);

    // The same key twice in one write must find the first, not yet saved.
    private static async Task<DueTimer?> FindAsync(ScrmDbContext db, string key, CancellationToken ct) =>
        db.Tracked<DueTimer>().FirstOrDefault(t => t.Key == key)
        ?? await db.Set<DueTimer>().FirstOrDefaultAsync(t => t.Key == key, ct);

    private void WakeAfterCommit(ScrmDbContext db) => db.WriteState.OnCommit(signal.Raise);
}
