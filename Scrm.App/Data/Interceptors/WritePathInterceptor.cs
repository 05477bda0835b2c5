using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Scrm.App.Events;
using Scrm.Domain.Common;

namespace Scrm.App.Data.Interceptors;

/// <summary>
/// Every save writes, in the same transaction as the change: an audit row for each auditable entity it touches
/// and an outbox row for each domain event the saved aggregates raised. Keys of new rows exist only after the
/// insert, so both are saved right after it. A save outside <see cref="WritePath"/> (Identity's stores) gets the
/// write gate and a transaction of its own here, so every writer is serialised and recorded the same way.
/// </summary>
public sealed class WritePathInterceptor(TimeProvider clock, EventTypes eventTypes, WriteGate gate) : SaveChangesInterceptor
{
    public const string AuditedAnnotation = "Scrm:Audited";

    private static readonly HashSet<string> Masked =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "KeyHash", "TokenValue"];

    internal sealed record Pending(EntityEntry Entry, AuditEntry Row);

    /// <summary>Per-context state between "saving" and "saved"; the interceptor itself is shared.</summary>
    internal sealed class State
    {
        public List<Pending>? Pending;
        public bool Nested;
        public IDbContextTransaction? OwnTransaction;
        public IDisposable? GateTurn;
        public bool StoredEvents;

        /// <summary>
        /// The save turned EF's automatic change scan off after scanning once itself (<see cref="ScanOnce"/>); it is
        /// turned back on when the save ends, however it ends.
        /// </summary>
        public bool ScanResumes;

        /// <summary>Every save through EF's SaveChanges, never the SQLite insert of new rows (tests compare the two).</summary>
        public bool PlainSaves;

        /// <summary>Saves of this context that inserted new rows as plain INSERTs instead of through SaveChanges.</summary>
        public int AppendedSaves;

        /// <summary>Rows this save inserted itself before SaveChanges wrote the rest: counted in the save's result.</summary>
        public int AppendedRows;

        /// <summary>The outbox rows this context stored, with their events (positions known once saved).</summary>
        public readonly List<(OutboxMessage Row, DomainEvent Event)> Stored = [];

        /// <summary>Set while the context has lent itself to a <see cref="GroupCommit"/> batch: what to go back to.</summary>
        public string? OwnConnectionString;

        /// <summary>What to tell the process once this context's change has committed (dropped if it rolls back).</summary>
        public readonly List<Action> AfterCommit = [];

        /// <summary>Adds <paramref name="action"/> to <see cref="AfterCommit"/> unless it is there already: a wake-up asked for twice wakes once.</summary>
        public void OnCommit(Action action)
        {
            if (!AfterCommit.Contains(action)) AfterCommit.Add(action);
        }

        /// <summary>Runs and forgets <see cref="AfterCommit"/>.</summary>
        public void Committed()
        {
            if (AfterCommit.Count == 0) return;
            var actions = AfterCommit.ToList();
            AfterCommit.Clear();
            foreach (var action in actions) action();
        }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is not ScrmDbContext { WriteState.Nested: false } db) return result;
        List<EntityEntry> entries;
        try
        {
            entries = await BeginAsync(db, ct);
        }
        catch
        {
            ResumeScan(db);
            throw;
        }
        if (db.WriteState.PlainSaves) return result;
        try
        {
            // New rows (a new ticket and its timeline row, a handler's rows for each ticket) skip EF's update pipeline
            // on SQLite (ADRs 0037, 0047); SaveChanges writes what else changed, or is skipped when nothing did, and
            // SavedChangesAsync still runs and writes the audit and outbox rows after it.
            if (await AppendedRows.TryInsertAddedAsync(db, entries, ct) is { } appended)
            {
                db.WriteState.AppendedSaves++;
                if (!appended.Rest) return InterceptionResult<int>.SuppressWithResult(appended.Rows);
                db.WriteState.AppendedRows = appended.Rows;
            }
        }
        catch
        {
            // EF does not report a failure of this step to SaveChangesFailedAsync.
            ResumeScan(db);
            await AbandonAsync(db.WriteState);
            throw;
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is not ScrmDbContext { WriteState.Nested: false } db) return result;
        var appended = db.WriteState.AppendedRows;
        db.WriteState.AppendedRows = 0;
        try
        {
            await FinishAsync(db, ct);
        }
        finally
        {
            ResumeScan(db);
        }
        return result + appended;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is not ScrmDbContext { WriteState.Nested: false } db) return;
        db.WriteState.AppendedRows = 0;
        ResumeScan(db);
        await AbandonAsync(db.WriteState);
    }

    // EF reports a lost optimistic-concurrency race here instead of in SaveChangesFailed; both must release the gate.
    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken ct = default)
    {
        if (eventData.Context is not ScrmDbContext { WriteState.Nested: false } db) return result;
        ResumeScan(db);
        await AbandonAsync(db.WriteState);
        return result;
    }

    /// <summary>
    /// One scan of the tracked rows per save. Left alone, a save compared every tracked row with its snapshot three
    /// times: for the audit (Entries()), in EF's own SaveChanges, and again for the outbox after the insert, when
    /// nothing can have changed. A handler's batch tracks hundreds of rows and saves inside the one writer loop, where
    /// those scans were a quarter of the loop's time (docs/benchmarks.md). Scanned here once, EF's scan is switched off
    /// until the save ends; a context whose owner switched scanning off is not scanned at all, as EF would not.
    /// </summary>
    private static List<EntityEntry> ScanOnce(ScrmDbContext db)
    {
        var tracker = db.ChangeTracker;
        if (!tracker.AutoDetectChangesEnabled) return tracker.Entries().ToList();
        tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        db.WriteState.ScanResumes = true;
        return tracker.Entries().ToList();
    }

    private static void ResumeScan(ScrmDbContext db)
    {
        if (!db.WriteState.ScanResumes) return;
        db.WriteState.ScanResumes = false;
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    // Scrm saves asynchronously everywhere; a synchronous save would have to block on the gate and the audit.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new NotSupportedException("Scrm saves with SaveChangesAsync only.");

    private async Task<List<EntityEntry>> BeginAsync(ScrmDbContext db, CancellationToken ct)
    {
        var state = db.WriteState;
        var entries = ScanOnce(db);
        if (entries.Any(e => e.Entity is AuditEntry && e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The audit log is append-only.");
        if (db.Database.CurrentTransaction is null)
        {
            state.GateTurn = await gate.EnterAsync(ct);
            state.OwnTransaction = await db.Database.BeginTransactionAsync(ct);
        }
        var now = clock.GetUtcNow();
        state.Pending = db.SuppressAudit ? [] : entries
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(IsAudited)
            .Select(e => new Pending(e, Describe(e, db.Scope, now)))
            .Where(p => p.Row.Action != "Update" || p.Row.After != "{}")
            .ToList();
        return entries;
    }

    private async Task FinishAsync(ScrmDbContext db, CancellationToken ct)
    {
        var state = db.WriteState;
        if (state.Pending is not { } pending) return;
        foreach (var (entry, row) in pending)
        {
            row.EntityId = KeyOf(entry);
            // Described after the insert: keys of new rows (and foreign keys to them) are only real now.
            if (row.Action == "Create") row.After = Values(entry, p => p.CurrentValue, all: true);
        }
        var audit = pending.Select(p => p.Row).ToList();
        var outbox = StoreEvents(db);
        state.StoredEvents |= outbox.Count > 0;
        try
        {
            if (db.OnSqlite)
            {
                await AppendedRows.InsertManyAsync(db, audit, ct);
                await AppendedRows.InsertManyAsync(db, outbox, ct);
            }
            else if (audit.Count > 0 || outbox.Count > 0)
            {
                db.AuditEntries.AddRange(audit);
                db.OutboxMessages.AddRange(outbox);
                state.Nested = true;
                await db.SaveChangesAsync(ct);
            }
            if (state.OwnTransaction is not null) await state.OwnTransaction.CommitAsync(ct);
        }
        catch
        {
            await AbandonAsync(state);
            throw;
        }
        await ResetAsync(state, committed: true);
    }

    private List<OutboxMessage> StoreEvents(ScrmDbContext db)
    {
        var rows = new List<OutboxMessage>();
        foreach (var entry in db.ChangeTracker.Entries<IHasDomainEvents>().ToList())
        {
            var aggregate = entry.Entity;
            if (aggregate.DomainEvents.Count == 0) continue;
            foreach (var e in aggregate.DomainEvents)
            {
                var row = eventTypes.ToMessage(e, aggregate.AggregateKey, out var stored);
                rows.Add(row);
                db.WriteState.Stored.Add((row, stored));
            }
            aggregate.ClearDomainEvents();
        }
        return rows;
    }

    private static async Task AbandonAsync(State state)
    {
        if (state.Pending is null) return;
        if (state.OwnTransaction is not null) await state.OwnTransaction.RollbackAsync();
        await ResetAsync(state, committed: false);
    }

    private static async Task ResetAsync(State state, bool committed)
    {
        state.Pending = null;
        state.Nested = false;
        if (state.OwnTransaction is not null)
        {
            await state.OwnTransaction.DisposeAsync();
            state.OwnTransaction = null;
            if (!committed) state.StoredEvents = false;
            state.Stored.Clear();
        }
        state.GateTurn?.Dispose();
        state.GateTurn = null;
    }

    internal static bool IsAudited(EntityEntry e) =>
        !e.Metadata.IsOwned() &&
        (typeof(IAuditable).IsAssignableFrom(e.Metadata.ClrType) || e.Metadata.FindAnnotation(AuditedAnnotation) is not null);

    private static AuditEntry Describe(EntityEntry entry, AccessScope scope, DateTimeOffset now)
    {
        var (action, before, after) = entry.State switch
        {
            EntityState.Added => ("Create", null, (string?)null),  // filled in after the insert, see FinishAsync
            EntityState.Deleted => ("Delete", Values(entry, p => p.OriginalValue, all: true), null),
            _ => ("Update", Values(entry, p => p.OriginalValue, all: false), Values(entry, p => p.CurrentValue, all: false)),
        };
        return new AuditEntry
        {
            At = now,
            UserId = scope.Actor.Id,
            UserName = scope.Actor.Name,
            Entity = entry.Metadata.ClrType.Name,
            Action = action,
            Before = before,
            After = after,
        };
    }

    // The same JSON as serialising a name → value dictionary, written straight out: every create describes its
    // ticket's two dozen columns, and the dictionary and a serializer call per value were most of that cost.
    internal static string Values(EntityEntry entry, Func<PropertyEntry, object?> pick, bool all)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var property in entry.Properties)
            {
                if (!all && !property.IsModified) continue;
                json.WritePropertyName(property.Metadata.Name);
                if (Masked.Contains(property.Metadata.Name)) json.WriteStringValue("***");
                else WriteValue(json, pick(property));
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string text: json.WriteStringValue(text); break;
            case long number: json.WriteNumberValue(number); break;
            case int number: json.WriteNumberValue(number); break;
            case bool flag: json.WriteBooleanValue(flag); break;
            case double number: json.WriteNumberValue(number); break;
            case DateTimeOffset at: json.WriteStringValue(at); break;
            default: JsonSerializer.Serialize(json, value, value.GetType()); break;
        }
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
}

/// <summary>
/// Wakes the event dispatcher when a transaction that stored events commits, whoever opened it, and runs what the
/// change asked to run after its commit (a timer scheduled sooner wakes the timer worker).
/// </summary>
public sealed class CommitSignalInterceptor(CommitSignal signal, RecentEvents recent) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Committed(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is ScrmDbContext db)
        {
            db.WriteState.StoredEvents = false;
            db.WriteState.AfterCommit.Clear();
        }
        return Task.CompletedTask;
    }

    private void Committed(TransactionEndEventData eventData)
    {
        if (eventData.Context is ScrmDbContext committed) committed.WriteState.Committed();
        if (eventData.Context is not ScrmDbContext { WriteState.StoredEvents: true } db) return;
        db.WriteState.StoredEvents = false;
        // Not a group commit (those hand their events to the ring and raise the signal themselves, with StoredEvents
        // cleared): the ring does not hold these rows, so the dispatcher must read the table for them.
        recent.CommittedElsewhere();
        signal.Raise();
    }
}
