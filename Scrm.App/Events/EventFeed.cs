using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Common;

namespace Scrm.App.Events;

/// <summary>An event as read back from the outbox, with its place in the order.</summary>
public sealed record StoredEvent(long Id, string Type, DomainEvent Event);

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

    Task<IReadOnlyList<StoredEvent>> ReadAsync(long after, IReadOnlyList<string> types, int max, CancellationToken ct);

    /// <summary>The newest stored event's position (0 when there is none).</summary>
    Task<long> NewestAsync(CancellationToken ct);
}

public sealed class OutboxFeed(IDbContextFactory<ScrmDbContext> dbFactory, EventTypes types, CommitSignal signal) : IEventFeed
{
    public Task NextCommit => signal.Next;

    public void Committed() => signal.Raise();

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(long after, IReadOnlyList<string> names, int max, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Id > after && names.Contains(m.Type))
            .OrderBy(m => m.Id).Take(max)
            .Select(m => new { m.Id, m.Type, m.Payload })
            .ToListAsync(ct);
        return rows.Select(r => new StoredEvent(r.Id, r.Type, types.Deserialize(r.Type, r.Payload))).ToList();
    }

    public async Task<long> NewestAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await db.OutboxMessages.MaxAsync(m => (long?)m.Id, ct) ?? 0;
    }
}
