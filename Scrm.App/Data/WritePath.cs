using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Events;
using Scrm.Domain.Common;

namespace Scrm.App.Data;

/// <summary>
/// The one way Scrm writes: a context for the operation, the write gate, one transaction holding the change, its
/// audit rows and its outbox rows, then commit, which wakes the event dispatcher. Pages, the API and background
/// handlers all come through here (Identity's stores get the same from <see cref="Interceptors.WritePathInterceptor"/>).
/// </summary>
public sealed class WritePath(IDbContextFactory<ScrmDbContext> dbFactory, WriteGate gate, GroupCommit? groupCommit = null)
{
    /// <summary>Runs <paramref name="change"/> in one transaction as <paramref name="scope"/>; saves and commits what it changed.</summary>
    public async Task<T> RunAsync<T>(AccessScope scope, Func<ScrmDbContext, CancellationToken, Task<T>> change, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        return await InTransactionAsync(db, () => change(db, ct), ct);
    }

    /// <summary>
    /// Reads with <paramref name="load"/> before taking the gate (readers never wait for writers), then changes what
    /// it loaded in one transaction. The version column catches anyone who changed it in between.
    /// </summary>
    public async Task<T> RunAsync<TLoaded, T>(AccessScope scope, Func<ScrmDbContext, CancellationToken, Task<TLoaded>> load,
        Func<ScrmDbContext, TLoaded, CancellationToken, Task<T>> change, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var loaded = await load(db, ct);
        return await InTransactionAsync(db, () => change(db, loaded, ct), ct);
    }

    /// <summary>
    /// An event handler's change: done at most once per handler and event, however often the event is delivered,
    /// because the processed-event record commits with the change. Returns false when it was done before.
    /// </summary>
    public Task<bool> RunOnceAsync(EventDelivery delivery, DomainEvent e, Func<ScrmDbContext, CancellationToken, Task> change,
        CancellationToken ct = default) =>
        RunOnceAsync(delivery.Handler, [e], (db, _, token) => change(db, token), ct);

    /// <summary>
    /// A handler's change for a batch of events, in one transaction: <paramref name="change"/> gets those of
    /// <paramref name="events"/> the handler has not processed yet, and their processed-event records commit with it
    /// (or, for an <see cref="IPositionedEventHandler"/> delivered in order, its position: ADR 0034).
    /// Returns false when every one of them was done before.
    /// </summary>
    public async Task<bool> RunOnceAsync(string handler, IReadOnlyList<DomainEvent> events,
        Func<ScrmDbContext, IReadOnlyList<DomainEvent>, CancellationToken, Task> change, CancellationToken ct = default)
    {
        if (HandlerCursor.Current is { } cursor && cursor.Handler == handler) return await AtPositionAsync(cursor, events, change, ct);
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await InTransactionAsync(db, async () =>
        {
            var fresh = await UnprocessedAsync(db, handler, events, ct);
            if (fresh.Count == 0) return false;
            await change(db, fresh, ct);
            var now = DateTimeOffset.UtcNow;
            db.ProcessedEvents.AddRange(fresh.Select(e => new ProcessedEvent { Handler = handler, EventId = e.EventId, ProcessedAt = now }));
            return true;
        }, ct);
    }

    /// <summary>
    /// An in-order delivery (ADR 0034): the change and the handler's new position commit together. The position moves
    /// only from where this instance last committed it and only while it holds the lease, so a redelivery (after a
    /// crash, or by the instance that took the lease over) starts after the last change that committed and never
    /// repeats it.
    /// </summary>
    private async Task<bool> AtPositionAsync(HandlerCursor cursor, IReadOnlyList<DomainEvent> events,
        Func<ScrmDbContext, IReadOnlyList<DomainEvent>, CancellationToken, Task> change, CancellationToken ct)
    {
        var (from, to, handler, owner) = (cursor.Committed, cursor.Through, cursor.Handler, cursor.Owner);
        // A second write for the same delivery could not be told apart from the first after a crash.
        if (from >= to) throw new InvalidOperationException($"{handler} wrote twice for one delivery; an in-order handler writes once per batch.");
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var changed = await InTransactionAsync(db, async () =>
        {
            var fresh = cursor.First <= cursor.RecordsUntil ? await UnprocessedAsync(db, handler, events, ct) : events;
            if (fresh.Count > 0) await change(db, fresh, ct);
            var moved = await db.HandlerCheckpoints
                .Where(c => c.Handler == handler && c.Position == from && c.LeaseOwner == owner)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Position, to), ct);
            if (moved != 1) throw new LeaseLostException(handler);
            return fresh.Count > 0;
        }, ct);
        cursor.Committed = to;
        return changed;
    }

    /// <summary>Those of <paramref name="events"/> that have no processed-event record of <paramref name="handler"/>.</summary>
    private static async Task<IReadOnlyList<DomainEvent>> UnprocessedAsync(ScrmDbContext db, string handler,
        IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        var ids = events.Select(e => e.EventId).ToList();
        var done = await db.ProcessedEvents.Where(p => p.Handler == handler && ids.Contains(p.EventId)).Select(p => p.EventId).ToListAsync(ct);
        return events.Where(e => !done.Contains(e.EventId)).ToList();
    }

    private Task<T> InTransactionAsync<T>(ScrmDbContext db, Func<Task<T>> change, CancellationToken ct) =>
        groupCommit is null
            ? AloneAsync(db, change, ct)
            : groupCommit.RunAsync(db, async () =>
            {
                var result = await change();
                if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
                return result;
            }, ct);

    private async Task<T> AloneAsync<T>(ScrmDbContext db, Func<Task<T>> change, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A failed save fails the whole operation, so EF's savepoint around each save inside our transaction buys
        // nothing here and costs two statements per save.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            var result = await change();
            if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    /// <summary>
    /// The next ticket sequence of a business day, in one statement, so that two writers can never get the same
    /// number even without the gate. Must run inside the write path's transaction.
    /// </summary>
    public static async Task<int> NextTicketSequenceAsync(ScrmDbContext db, string day, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = db.Database.IsSqlServer()
            ? """
              MERGE [TicketDaySequences] WITH (HOLDLOCK) AS t USING (SELECT @day AS [Day]) AS s ON t.[Day] = s.[Day]
              WHEN MATCHED THEN UPDATE SET [Last] = t.[Last] + 1
              WHEN NOT MATCHED THEN INSERT ([Day], [Last]) VALUES (s.[Day], 1)
              OUTPUT inserted.[Last];
              """
            : """
              INSERT INTO "TicketDaySequences" ("Day", "Last") VALUES (@day, 1)
              ON CONFLICT ("Day") DO UPDATE SET "Last" = "Last" + 1
              RETURNING "Last";
              """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@day";
        parameter.Value = day;
        command.Parameters.Add(parameter);
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
