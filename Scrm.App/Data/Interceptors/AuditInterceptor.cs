using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Scrm.App.Data.Interceptors;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every insert, update and delete, in the same transaction as the change.
/// Keys of new rows exist only after the insert, so the audit rows are saved right after it; when the caller
/// has no transaction of its own, this interceptor opens one around both saves.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Masked =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "KeyHash", "TokenValue"];

    private static readonly HashSet<Type> NotAudited = [typeof(AuditEntry), typeof(TicketDaySequence)];

    internal sealed record Pending(EntityEntry Entry, AuditEntry Row);

    /// <summary>Per-context state between "saving" and "saved"; the interceptor itself is shared.</summary>
    internal sealed class State
    {
        public List<Pending>? Pending;
        public IDbContextTransaction? OwnTransaction;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is ScrmDbContext { AuditState.Pending: null } db) await BeginAsync(db, ct);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ScrmDbContext { AuditState.Pending: null } db) BeginAsync(db, default).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is ScrmDbContext db) await FinishAsync(db, ct);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is ScrmDbContext db) FinishAsync(db, default).GetAwaiter().GetResult();
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is ScrmDbContext db) await AbandonAsync(db.AuditState);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is ScrmDbContext db) AbandonAsync(db.AuditState).GetAwaiter().GetResult();
    }

    private async Task BeginAsync(ScrmDbContext db, CancellationToken ct)
    {
        if (db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The audit log is append-only.");
        if (db.SuppressAudit) return;
        var now = clock.GetUtcNow();
        var pending = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => !NotAudited.Contains(e.Metadata.ClrType) && !e.Metadata.IsOwned())
            .Select(e => new Pending(e, Describe(e, db.Scope, now)))
            .Where(p => p.Row.Action != "Update" || p.Row.After != "{}")
            .ToList();
        if (pending.Count == 0) return;
        db.AuditState.Pending = pending;
        if (db.Database.CurrentTransaction is null) db.AuditState.OwnTransaction = await db.Database.BeginTransactionAsync(ct);
    }

    private async Task FinishAsync(ScrmDbContext db, CancellationToken ct)
    {
        var state = db.AuditState;
        if (state.Pending is not { Count: > 0 } pending) return;
        foreach (var (entry, row) in pending)
        {
            row.EntityId = KeyOf(entry);
            // Described after the insert: keys of new rows (and foreign keys to them) are only real now.
            if (row.Action == "Create") row.After = Values(entry, p => p.CurrentValue, all: true);
        }
        db.AuditEntries.AddRange(pending.Select(p => p.Row));
        state.Pending = [];  // non-null and empty: the nested save below does not audit itself
        try
        {
            await db.SaveChangesAsync(ct);
            if (state.OwnTransaction is not null) await state.OwnTransaction.CommitAsync(ct);
        }
        catch
        {
            await AbandonAsync(state);
            throw;
        }
        await ResetAsync(state);
    }

    private static async Task AbandonAsync(State state)
    {
        // Only the outermost failure rolls back; the nested audit save's failure reaches here twice.
        if (state.Pending is null) return;
        if (state.OwnTransaction is not null) await state.OwnTransaction.RollbackAsync();
        await ResetAsync(state);
    }

    private static async Task ResetAsync(State state)
    {
        state.Pending = null;
        if (state.OwnTransaction is not null) await state.OwnTransaction.DisposeAsync();
        state.OwnTransaction = null;
    }

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
