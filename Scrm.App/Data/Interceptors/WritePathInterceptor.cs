using System.Data.Common;
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
        if (eventData.Context is ScrmDbContext { WriteState.Nested: false } db) await BeginAsync(db, ct);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is ScrmDbContext { WriteState.Nested: false } db) await FinishAsync(db, ct);
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is ScrmDbContext { WriteState.Nested: false } db) await AbandonAsync(db.WriteState);
    }

    // EF reports a lost optimistic-concurrency race here instead of in SaveChangesFailed; both must release the gate.
    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken ct = default)
    {
        if (eventData.Context is ScrmDbContext { WriteState.Nested: false } db) await AbandonAsync(db.WriteState);
        return result;
    }

    // Scrm saves asynchronously everywhere; a synchronous save would have to block on the gate and the audit.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new NotSupportedException("Scrm saves with SaveChangesAsync only.");

    private async Task BeginAsync(ScrmDbContext db, CancellationToken ct)
    {
        if (db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The audit log is append-only.");
        var state = db.WriteState;
        if (db.Database.CurrentTransaction is null)
        {
            state.GateTurn = await gate.EnterAsync(ct);
            state.OwnTransaction = await db.Database.BeginTransactionAsync(ct);
        }
        var now = clock.GetUtcNow();
        state.Pending = db.SuppressAudit ? [] : db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(IsAudited)
            .Select(e => new Pending(e, Describe(e, db.Scope, now)))
            .Where(p => p.Row.Action != "Update" || p.Row.After != "{}")
            .ToList();
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
        db.AuditEntries.AddRange(pending.Select(p => p.Row));
        var events = StoreEvents(db);
        state.StoredEvents |= events > 0;
        try
        {
            if (pending.Count > 0 || events > 0)
            {
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

    private int StoreEvents(ScrmDbContext db)
    {
        var count = 0;
        foreach (var entry in db.ChangeTracker.Entries<IHasDomainEvents>().ToList())
        {
            var aggregate = entry.Entity;
            if (aggregate.DomainEvents.Count == 0) continue;
            foreach (var e in aggregate.DomainEvents)
            {
                var row = eventTypes.ToMessage(e, aggregate.AggregateKey, out var stored);
                db.OutboxMessages.Add(row);
                db.WriteState.Stored.Add((row, stored));
            }
            count += aggregate.DomainEvents.Count;
            aggregate.ClearDomainEvents();
        }
        return count;
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

    private static string Values(EntityEntry entry, Func<PropertyEntry, object?> pick, bool all)
    {
        var values = entry.Properties
            .Where(p => all || p.IsModified)
            .ToDictionary(p => p.Metadata.Name, p => Masked.Contains(p.Metadata.Name) ? "***" : pick(p));
        return JsonSerializer.Serialize(values);
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
