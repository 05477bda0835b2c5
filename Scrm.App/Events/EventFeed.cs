using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Common;

namespace Scrm.App.Events;

/// <summary>An event as read back from the outbox, with its place in the order.</summary>
public sealed record StoredEvent(long Id, string Type, DomainEvent Event);

/// <summary>
/// The events of the types asked for, and the newest position looked at: a handler moves past the events it does
/// not take too, so that it never scans them again.
/// </summary>
public sealed record OutboxBatch(IReadOnlyList<StoredEvent> Events, long LastExamined);

/// <summary>
/// Where the dispatcher reads committed events and hears about new ones. In one process: the outbox table and an
/// in-memory signal raised after each commit. Several instances would put a shared signal (Redis pub/sub, or the
/// database) behind the same interface; the order still comes from the outbox.
/// </summary>
public interface IEventFeed
{
    /// <summary>Completes at the next commit that stored events. Take it before reading, so no commit is missed.</summary>
    Task NextCommit { get; }

    /// <summary>Called after a transaction that stored events committed.</summary>
    void Committed();

    /// <param name="fromStore">Read the store even when this process knows of nothing newer (another process may have committed).</param>
    Task<OutboxBatch> ReadAsync(long after, IReadOnlyList<string> types, int max, CancellationToken ct, bool fromStore = false);

    /// <summary>The newest stored event's position (0 when there is none).</summary>
    Task<long> NewestAsync(CancellationToken ct);
}

public sealed class OutboxFeed(IDbContextFactory<ScrmDbContext> dbFactory, EventTypes types, CommitSignal signal, RecentEvents recent) : IEventFeed
{
    public Task NextCommit => signal.Next;

    public void Committed() => signal.Raise();

    public async Task<OutboxBatch> ReadAsync(long after, IReadOnlyList<string> names, int max, CancellationToken ct, bool fromStore = false)
    {
        if (recent.After(after, max) is { } held)
            return new OutboxBatch(held.Where(e => names.Contains(e.Type)).ToList(), held[^1].Id);
        // A handler that has caught up asks once more after every batch; the answer is known without a query.
        if (!fromStore && recent.NothingAfter(after)) return new OutboxBatch([], after);
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        // Every row in order, the payload only of those wanted: the position can then move past the others.
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Id > after)
            .OrderBy(m => m.Id).Take(max)
            .Select(m => new { m.Id, m.Type, Payload = names.Contains(m.Type) ? m.Payload : null })
            .ToListAsync(ct);
        var events = rows.Where(r => r.Payload is not null)
            .Select(r => new StoredEvent(r.Id, r.Type, types.Deserialize(r.Type, r.Payload!))).ToList();
        return new OutboxBatch(events, rows.Count == 0 ? after : rows[^1].Id);
    }

    public async Task<long> NewestAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await db.OutboxMessages.MaxAsync(m => (long?)m.Id, ct) ?? 0;
    }
}
