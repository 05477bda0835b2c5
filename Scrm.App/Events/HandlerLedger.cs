using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;

namespace Scrm.App.Events;

/// <summary>
/// The durable side of delivery: each handler's position, who may deliver to it (a lease) and what was parked.
/// Behind an interface so that a deployment of several instances can keep the same rules on another store.
/// </summary>
public interface IHandlerLedger
{
    /// <summary>Takes or renews the handler's lease; returns its position when this instance holds it, null otherwise.</summary>
    Task<long?> ClaimAsync(string handler, CancellationToken ct);

    /// <summary>Moves the position from <paramref name="from"/> to <paramref name="to"/>; false when the lease was lost.</summary>
    Task<bool> AdvanceAsync(string handler, long from, long to, CancellationToken ct);

    Task ParkAsync(string handler, StoredEvent e, int attempts, Exception error, CancellationToken ct);

    /// <summary>
    /// Parks <paramref name="e"/> and, in the same transaction, moves the position from <paramref name="from"/> to it, so
    /// that the loop never redelivers an event an Admin may retry (ADR 0034). Throws <see cref="LeaseLostException"/>
    /// when the lease was lost.
    /// </summary>
    Task ParkAsync(string handler, StoredEvent e, int attempts, Exception error, long from, CancellationToken ct) =>
        ParkAsync(handler, e, attempts, error, ct);

    /// <summary>
    /// The newest outbox id after <paramref name="position"/> that has a processed-event record of the handler, or
    /// <paramref name="position"/> when none has: up to there an in-order handler still consults the records.
    /// </summary>
    Task<long> RecordsUntilAsync(string handler, long position, CancellationToken ct) => Task.FromResult(long.MaxValue);
}

public sealed class HandlerLedger(
    IDbContextFactory<ScrmDbContext> dbFactory, WriteGate gate, IOptions<EventOptions> options, TimeProvider clock) : IHandlerLedger
{
    private readonly EventOptions _options = options.Value;

    public async Task<long?> ClaimAsync(string handler, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + _options.Lease;
        var me = _options.InstanceId;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        if (!await db.HandlerCheckpoints.AnyAsync(c => c.Handler == handler, ct)) await StartAsync(db, handler, ct);
        int won;
        using (await gate.EnterAsync(ct))
        {
            won = await db.HandlerCheckpoints
                .Where(c => c.Handler == handler && (c.LeaseOwner == null || c.LeaseOwner == me || c.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseOwner, me).SetProperty(c => c.LeaseExpiresAt, until), ct);
        }
        if (won == 0) return null;
        return await db.HandlerCheckpoints.Where(c => c.Handler == handler).Select(c => c.Position).FirstAsync(ct);
    }

    /// <summary>A handler new to this database starts at the beginning of the outbox.</summary>
    private static async Task StartAsync(ScrmDbContext db, string handler, CancellationToken ct)
    {
        db.HandlerCheckpoints.Add(new HandlerCheckpoint { Handler = handler });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance started it first; its row is as good as ours.
        }
        db.ChangeTracker.Clear();
    }

    public async Task<bool> AdvanceAsync(string handler, long from, long to, CancellationToken ct)
    {
        var me = _options.InstanceId;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        using var turn = await gate.EnterAsync(ct);
        var moved = await db.HandlerCheckpoints
            .Where(c => c.Handler == handler && c.LeaseOwner == me && c.Position == from)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Position, to), ct);
        return moved == 1;
    }

    public async Task ParkAsync(string handler, StoredEvent e, int attempts, Exception error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        db.ParkedEvents.Add(Parked(handler, e, attempts, error));
        await db.SaveChangesAsync(ct);
    }

    public async Task ParkAsync(string handler, StoredEvent e, int attempts, Exception error, long from, CancellationToken ct)
    {
        var me = _options.InstanceId;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        using var turn = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.HandlerCheckpoints
            .Where(c => c.Handler == handler && c.LeaseOwner == me && c.Position == from)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Position, e.Id), ct);
        if (moved != 1) throw new LeaseLostException(handler);
        db.ParkedEvents.Add(Parked(handler, e, attempts, error));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private ParkedEvent Parked(string handler, StoredEvent e, int attempts, Exception error)
    {
        var now = clock.GetUtcNow();
        return new ParkedEvent
        {
            Handler = handler, OutboxId = e.Id, EventId = e.Event.EventId, Type = e.Type, Attempts = attempts,
            Error = Describe(error), ParkedAt = now, LastTriedAt = now, State = ParkedEventState.Parked,
        };
    }

    public async Task<long> RecordsUntilAsync(string handler, long position, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await db.OutboxMessages
            .Where(m => m.Id > position && db.ProcessedEvents.Any(p => p.Handler == handler && p.EventId == m.EventId))
            .MaxAsync(m => (long?)m.Id, ct) ?? position;
    }

    /// <summary>What an Admin needs to see: the exception's type and message, never a stack trace.</summary>
    internal static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length <= ParkedEvent.ErrorMaxLength ? text : text[..ParkedEvent.ErrorMaxLength];
    }
}

/// <summary>Events:* settings.</summary>
public sealed class EventOptions
{
    /// <summary>This instance's name for leases; the same after a restart, so the restarted process resumes at once.</summary>
    public string InstanceId
    {
        get => string.IsNullOrWhiteSpace(_instanceId) ? Environment.MachineName : _instanceId;
        set => _instanceId = value;
    }

    private string? _instanceId;

    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; set; } = 500;

    /// <summary>How often a busy handler's position is written down (an idle handler's at once).</summary>
    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// After a durable handler read a batch that was not full, how long it waits before reading the next, so that under
    /// load its batches (and with them its per-batch reads and transactions) grow and its loop wakes once per linger, not
    /// once per commit. The first batch after a quiet spell (no batch for at least the linger) and the one right after it
    /// are read at once, so a lone change and its follow-up reach the handlers without waiting. Zero: never wait. Never
    /// for live feeds. See docs/decisions (linger on by default).
    /// </summary>
    public TimeSpan Linger { get; set; } = DefaultLinger;

    public static readonly TimeSpan DefaultLinger = TimeSpan.FromMilliseconds(100);

    /// <summary>The slow poll behind the commit signal: only matters for events another process committed.</summary>
    public TimeSpan FallbackPoll { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pauses between tries of a failing handler; after the last, the event is parked. Default 100, 500, 2000, 5000.</summary>
    public int[]? RetryDelaysMs { get; set; }

    public IReadOnlyList<int> RetryDelays => RetryDelaysMs ?? [100, 500, 2000, 5000];
}
