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
    /// <paramref name="events"/> the handler has not processed yet, and their processed-event records commit with it.
    /// Returns false when every one of them was done before.
    /// </summary>
    public async Task<bool> RunOnceAsync(string handler, IReadOnlyList<DomainEvent> events,
        Func<ScrmDbContext, IReadOnlyList<DomainEvent>, CancellationToken, Task> change, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await InTransactionAsync(db, async () =>
        {
            var ids = events.Select(e => e.EventId).ToList();
            var done = await db.ProcessedEvents.Where(p => p.Handler == handler && ids.Contains(p.EventId)).Select(p => p.EventId).ToListAsync(ct);
            var fresh = events.Where(e => !done.Contains(e.EventId)).ToList();
            if (fresh.Count == 0) return false;
            await change(db, fresh, ct);
            var now = DateTimeOffset.UtcNow;
            db.ProcessedEvents.AddRange(fresh.Select(e => new ProcessedEvent { Handler = handler, EventId = e.EventId, ProcessedAt = now }));
            return true;
        }, ct);
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
