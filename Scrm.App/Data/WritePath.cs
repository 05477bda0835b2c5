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
        return await InTransactionAsync(db, OwnWrite, () => change(db, ct), ct);
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
        return await InTransactionAsync(db, OwnWrite, () => change(db, loaded, ct), ct);
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
    public Task<bool> RunOnceAsync(string handler, IReadOnlyList<DomainEvent> events,
        Func<ScrmDbContext, IReadOnlyList<DomainEvent>, CancellationToken, Task> change, CancellationToken ct = default) =>
        OnceAsync(handler, events, new HandlerPhases<bool>(async (db, fresh, token) =>
        {
            await change(db, fresh, token);
            return true;
        }, static (_, _, _) => Task.CompletedTask), prepareInside: true, ct);

    /// <summary>
    /// A handler's change in two phases (ADR 0040): <paramref name="prepare"/> reads and computes on the handler's own
    /// context before the write gate, tracking what it changes but writing nothing; <paramref name="write"/> runs inside
    /// the transaction (direct statements), then the tracked changes are saved with the processed-event records or the
    /// position, as <see cref="RunOnceAsync(string, IReadOnlyList{DomainEvent}, Func{ScrmDbContext, IReadOnlyList{DomainEvent}, CancellationToken, Task}, CancellationToken)"/>.
    /// When someone else wrote what the prepare read (a concurrency token, a unique key, a timer, a record), the batch
    /// is prepared again; after <see cref="PrepareAttempts"/> tries, or when the prepare asks for it
    /// (<see cref="PrepareInsideException"/>), it is prepared inside the gate as the one-phase form does.
    /// </summary>
    public async Task<bool> RunOnceAsync<TPrepared>(string handler, IReadOnlyList<DomainEvent> events,
        Func<ScrmDbContext, IReadOnlyList<DomainEvent>, CancellationToken, Task<TPrepared>> prepare,
        Func<ScrmDbContext, TPrepared, CancellationToken, Task> write, CancellationToken ct = default)
    {
        var phases = new HandlerPhases<TPrepared>(prepare, write);
        for (var attempt = 1; attempt <= PrepareAttempts; attempt++)
        {
            try
            {
                return await OnceAsync(handler, events, phases, prepareInside: false, ct);
            }
            catch (PrepareInsideException)
            {
                StalePrepare.Inside();
                break;
            }
            catch (Exception e) when (StalePrepare.Is(e) && !ct.IsCancellationRequested)
            {
                // Someone wrote between this prepare and its write; nothing of it was kept. Read again.
                StalePrepare.Counted();
            }
        }
        return await OnceAsync(handler, events, phases, prepareInside: true, ct);
    }

    /// <summary>Tests only: runs between a handler's prepare and its write, where another writer may come in.</summary>
    internal Func<string, Task>? AfterPrepare { get; set; }

    /// <summary>Prepares before the gate this many times before the batch falls back to preparing inside it.</summary>
    public const int PrepareAttempts = 3;

    /// <summary>
    /// The one place a handler's batch is made once: the events still to do (by processed-event records, or for an
    /// in-order delivery by its position: ADR 0034), the prepare before or inside the gate, the write, and the records
    /// or the position committed with it.
    /// </summary>
    private async Task<bool> OnceAsync<TPrepared>(string handler, IReadOnlyList<DomainEvent> events, HandlerPhases<TPrepared> phases,
        bool prepareInside, CancellationToken ct)
    {
        var cursor = HandlerCursor.Current is { } current && current.Handler == handler ? current : null;
        // A second write for the same delivery could not be told apart from the first after a crash.
        if (cursor is not null && cursor.Committed >= cursor.Through)
            throw new InvalidOperationException($"{handler} wrote twice for one delivery; an in-order handler writes once per batch.");
        var to = cursor?.Through ?? 0;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var batch = new PreparedBatch<TPrepared>();
        if (!prepareInside)
        {
            // One connection for all the prepare's reads: opening one per query costs a round of pragmas each
            // (SqlitePragmaInterceptor). The group commit closes it when the write joins its transaction.
            await db.Database.OpenConnectionAsync(ct);
            // Records only ever get added: an event found done here is done for good, and one found fresh is checked again
            // inside (PreparedBatch.StillFreshAsync) where another writer could have recorded it since.
            batch.Fresh = await FreshAsync(db, handler, cursor, events, ct);
            if (batch.Fresh.Count == 0 && cursor is null) return false;
            if (batch.Fresh.Count > 0) batch.Prepared = await PreparingAsync(db, () => phases.Prepare(db, batch.Fresh, ct));
            if (AfterPrepare is { } hook) await hook(handler);
        }
        var changed = await InTransactionAsync(db, handler, async () =>
        {
            if (prepareInside)
            {
                batch.Fresh = await FreshAsync(db, handler, cursor, events, ct);
                if (batch.Fresh.Count > 0) batch.Prepared = await phases.Prepare(db, batch.Fresh, ct);
            }
            else if (cursor is null && (await UnprocessedAsync(db, handler, batch.Fresh, ct)).Count != batch.Fresh.Count)
            {
                throw new StalePrepareException("processed-event records");
            }
            if (batch.Fresh.Count > 0)
            {
                await phases.Write(db, batch.Prepared!, ct);
                if (!prepareInside) await StalePrepare.CheckTimersAsync(db, ct);
            }
            return cursor is null ? Recorded(db, handler, batch.Fresh) : await MovedAsync(db, cursor, to, batch.Fresh, ct);
        }, ct);
        if (cursor is not null) cursor.Committed = to;
        return changed;
    }

    /// <summary>
    /// Those of <paramref name="events"/> still to do. In order, by the position alone unless the delivery reaches back
    /// to where processed-event records may exist: the position update inside the write proves no one else did them.
    /// </summary>
    private static async Task<IReadOnlyList<DomainEvent>> FreshAsync(ScrmDbContext db, string handler, HandlerCursor? cursor,
        IReadOnlyList<DomainEvent> events, CancellationToken ct) =>
        cursor is null || cursor.First <= cursor.RecordsUntil ? await UnprocessedAsync(db, handler, events, ct) : events;

    private static bool Recorded(ScrmDbContext db, string handler, IReadOnlyList<DomainEvent> fresh)
    {
        if (fresh.Count == 0) return false;
        var now = DateTimeOffset.UtcNow;
        db.ProcessedEvents.AddRange(fresh.Select(e => new ProcessedEvent { Handler = handler, EventId = e.EventId, ProcessedAt = now }));
        return true;
    }

    /// <summary>
    /// An in-order delivery (ADR 0034): the change and the handler's new position commit together. The position moves
    /// only from where this instance last committed it and only while it holds the lease, so a redelivery (after a
    /// crash, or by the instance that took the lease over) starts after the last change that committed and never
    /// repeats it.
    /// </summary>
    private static async Task<bool> MovedAsync(ScrmDbContext db, HandlerCursor cursor, long to, IReadOnlyList<DomainEvent> fresh,
        CancellationToken ct)
    {
        var (from, handler, owner) = (cursor.Committed, cursor.Handler, cursor.Owner);
        var moved = await db.HandlerCheckpoints
            .Where(c => c.Handler == handler && c.Position == from && c.LeaseOwner == owner)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Position, to), ct);
        if (moved != 1) throw new LeaseLostException(handler);
        return fresh.Count > 0;
    }

    /// <summary>Runs a prepare with the context marked, so that a step that would write knows to ask for the gate.</summary>
    private static async Task<T> PreparingAsync<T>(ScrmDbContext db, Func<Task<T>> prepare)
    {
        StalePrepare.Preparing.Add(db, StalePrepare.Marker);
        try
        {
            return await prepare();
        }
        finally
        {
            StalePrepare.Preparing.Remove(db);
        }
    }

    /// <summary>Those of <paramref name="events"/> that have no processed-event record of <paramref name="handler"/>.</summary>
    private static async Task<IReadOnlyList<DomainEvent>> UnprocessedAsync(ScrmDbContext db, string handler,
        IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        var ids = events.Select(e => e.EventId).ToList();
        var done = await db.ProcessedEvents.Where(p => p.Handler == handler && ids.Contains(p.EventId)).Select(p => p.EventId).ToListAsync(ct);
        return events.Where(e => !done.Contains(e.EventId)).ToList();
    }

    /// <summary>What the writer loop's figures call a write that is not an event handler's (a page's, the API's, a worker's).</summary>
    public const string OwnWrite = "(operation)";

    private Task<T> InTransactionAsync<T>(ScrmDbContext db, string kind, Func<Task<T>> change, CancellationToken ct) =>
        groupCommit is null
            ? AloneAsync(db, change, ct)
            : groupCommit.RunAsync(db, kind, async () =>
            {
                var result = await change();
                await db.SaveIfChangedAsync(ct);
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
            await db.SaveIfChangedAsync(ct);
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
        command.CommandText = db.OnSqlite
            ? """
              INSERT INTO "TicketDaySequences" ("Day", "Last") VALUES (@day, 1)
              ON CONFLICT ("Day") DO UPDATE SET "Last" = "Last" + 1
              RETURNING "Last";
              """
            : """
              MERGE [TicketDaySequences] WITH (HOLDLOCK) AS t USING (SELECT @day AS [Day]) AS s ON t.[Day] = s.[Day]
              WHEN MATCHED THEN UPDATE SET [Last] = t.[Last] + 1
              WHEN NOT MATCHED THEN INSERT ([Day], [Last]) VALUES (s.[Day], 1)
              OUTPUT inserted.[Last];
              """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@day";
        parameter.Value = day;
        command.Parameters.Add(parameter);
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
