using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Timers;
using Scrm.Domain.Common;

namespace Scrm.App.Events;

/// <summary>A durable handler's two phases (ADR 0040): what it reads and computes before the write gate, and what it writes inside.</summary>
internal sealed record HandlerPhases<TPrepared>(
    Func<ScrmDbContext, IReadOnlyList<DomainEvent>, CancellationToken, Task<TPrepared>> Prepare,
    Func<ScrmDbContext, TPrepared, CancellationToken, Task> Write);

/// <summary>One try of a batch: the events still to do as read, and what the prepare made of them.</summary>
internal sealed class PreparedBatch<TPrepared>
{
    public IReadOnlyList<DomainEvent> Fresh { get; set; } = [];
    public TPrepared? Prepared { get; set; }
}

/// <summary>
/// Someone else wrote, between a handler's prepare and its write, something the prepare read: the write rolled back and
/// the batch is prepared again (never parked for it).
/// </summary>
public sealed class StalePrepareException(string what) : Exception($"Changed since the handler's prepare read it: {what}.");

/// <summary>
/// Thrown by a prepare step that cannot run without writing (a pipeline child ticket takes a ticket number): the batch is
/// then prepared inside the write gate, as a one-phase handler's change is.
/// </summary>
public sealed class PrepareInsideException(string why) : Exception($"This batch must be prepared inside the write gate: {why}.");

/// <summary>How a two-phase write notices that its prepare went stale, and marks a context while it prepares.</summary>
public static class StalePrepare
{
    internal static readonly ConditionalWeakTable<ScrmDbContext, object> Preparing = new();
    internal static readonly object Marker = new();
    private static long _reprepared;

    /// <summary>True while <paramref name="db"/> is in a handler's prepare phase: nothing may be written on it now.</summary>
    public static bool IsPreparing(ScrmDbContext db) => Preparing.TryGetValue(db, out _);

    /// <summary>Batches prepared again because someone wrote in between, since the process started (for benches and tests).</summary>
    public static long Reprepared => Interlocked.Read(ref _reprepared);

    internal static void Counted() => Interlocked.Increment(ref _reprepared);

    /// <summary>Batches whose prepare asked for the gate (<see cref="PrepareInsideException"/>), since the process started.</summary>
    public static long PreparedInside => Interlocked.Read(ref _preparedInside);

    private static long _preparedInside;

    internal static void Inside() => Interlocked.Increment(ref _preparedInside);

    /// <summary>
    /// A conflict another writer caused: a concurrency token that moved (a ticket, its SLA row, a flow instance), a key
    /// inserted meanwhile (a timer, an SLA row, an instance), or a check of ours. Anything else is the handler's own failure.
    /// </summary>
    internal static bool Is(Exception e) => e is StalePrepareException or DbUpdateException;

    /// <summary>
    /// Timers carry no concurrency token and the timer worker marks them with statements, so a timer the prepare changed
    /// is compared inside the write with the row as it stands: fired, cancelled or moved since it was read means stale.
    /// New timers need no check: a key inserted meanwhile fails the insert.
    /// </summary>
    internal static async Task CheckTimersAsync(ScrmDbContext db, CancellationToken ct)
    {
        var changed = ChangedTimers(db).ToDictionary(e => e.Entity.Id, e => (
                Fired: e.OriginalValues.GetValue<DateTimeOffset?>(nameof(DueTimer.FiredAt)),
                Cancelled: e.OriginalValues.GetValue<DateTimeOffset?>(nameof(DueTimer.CancelledAt)),
                Due: e.OriginalValues.GetValue<DateTimeOffset>(nameof(DueTimer.DueAt))));
        if (changed.Count == 0) return;
        var ids = changed.Keys.ToList();
        var stored = await db.Set<DueTimer>().AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.FiredAt, t.CancelledAt, t.DueAt }).ToListAsync(ct);
        if (stored.Count != changed.Count || stored.Any(s => changed[s.Id] != (s.FiredAt, s.CancelledAt, s.DueAt)))
            throw new StalePrepareException("timers");
    }

    /// <summary>
    /// Stored timers whose values the prepare changed, found without the change tracker's full scan (Entries() would
    /// compare every tracked row of a 500-ticket batch once more before the save does it again).
    /// </summary>
    private static List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<DueTimer>> ChangedTimers(ScrmDbContext db) =>
        db.WithoutChangeScan(() => db.ChangeTracker.Entries<DueTimer>()
            .Where(e => e.State is EntityState.Unchanged or EntityState.Modified
                        && e.Properties.Any(p => !Equals(p.OriginalValue, p.CurrentValue)))
            .ToList());
}
