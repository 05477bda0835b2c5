using Scrm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Admin;
using Scrm.App.Features.Shared;
using Scrm.Domain.Sla;

namespace Scrm.App.Features.Sla;

/// <summary>The policies and calendars in force, and the stored rows an Admin edits (with their versions).</summary>
public sealed record SlaSnapshot(IReadOnlyList<SlaPolicy> Policies, IReadOnlyList<BusinessCalendar> Calendars)
{
    public SlaPolicy? Policy(string key) => Policies.FirstOrDefault(p => p.Key == key);
}

public sealed record StoredPolicy(long Id, SlaPolicy Policy, long Version, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record StoredCalendar(long Id, BusinessCalendar Calendar, long Version, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>
/// SLA policies and business calendars: read from their tables and kept in memory (every clock computation needs
/// them), reloaded when an Admin saves one here, and after a minute in case another instance saved one.
/// </summary>
public sealed class SlaSettings(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private sealed record Cached(SlaSnapshot Snapshot, DateTimeOffset LoadedAt);

    private Cached? _cache;

    public async Task<SlaSnapshot> CurrentAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref _cache) is { } cached && clock.GetUtcNow() - cached.LoadedAt < MaxAge) return cached.Snapshot;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var snapshot = new SlaSnapshot(
            (await db.Set<SlaPolicyRow>().AsNoTracking().ToListAsync(ct)).Select(r => DomainJson.Deserialize<SlaPolicy>(r.Json)).ToList(),
            (await db.Set<BusinessCalendarRow>().AsNoTracking().ToListAsync(ct)).Select(r => DomainJson.Deserialize<BusinessCalendar>(r.Json)).ToList());
        Volatile.Write(ref _cache, new Cached(snapshot, clock.GetUtcNow()));
        return snapshot;
    }

    /// <summary>Forgets the cached settings: the next read loads them again.</summary>
    public void Invalidate() => Volatile.Write(ref _cache, null);

    /// <summary>Admins and Managers read the settings; only Admins change them.</summary>
    public static bool MayRead(AccessScope scope) => scope.IsInAny(AppRoles.Admin, AppRoles.Manager);

    public async Task<(IReadOnlyList<StoredPolicy> Policies, IReadOnlyList<StoredCalendar> Calendars)> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        if (!MayRead(scope)) throw new AccessDeniedException("Sla.ReadDenied", "Only Admins and Managers may read the SLA settings.");
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var policies = await db.Set<SlaPolicyRow>().AsNoTracking().ToListAsync(ct);
        var calendars = await db.Set<BusinessCalendarRow>().AsNoTracking().ToListAsync(ct);
        return (policies.Select(r => new StoredPolicy(r.Id, DomainJson.Deserialize<SlaPolicy>(r.Json), r.Version, r.UpdatedAt, r.UpdatedBy))
                    .OrderBy(p => p.Policy.Order).ToList(),
                calendars.Select(r => new StoredCalendar(r.Id, DomainJson.Deserialize<BusinessCalendar>(r.Json), r.Version, r.UpdatedAt, r.UpdatedBy))
                    .OrderBy(c => c.Calendar.Key).ThenBy(c => c.Calendar.Region).ToList());
    }

    /// <summary>
    /// Saves a policy (new when <paramref name="id"/> is null); refuses with one field error per problem the domain
    /// finds, and with a conflict when someone saved it since <paramref name="expectedVersion"/>.
    /// </summary>
    public async Task<StoredPolicy> SavePolicyAsync(AccessScope scope, long? id, SlaPolicy policy, long expectedVersion, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        Reject(SlaFieldErrors.Of(policy.Validate()));
        var row = await SaveAsync<SlaPolicyRow>(scope, id, expectedVersion, r => r.Key == policy.Key, r =>
        {
            r.Key = policy.Key;
            r.Json = DomainJson.Serialize(policy);
        }, ct);
        return new StoredPolicy(row.Id, policy, row.Version, row.UpdatedAt, row.UpdatedBy);
    }

    public async Task<StoredCalendar> SaveCalendarAsync(AccessScope scope, long? id, BusinessCalendar calendar, long expectedVersion, CancellationToken ct = default)
    {
        AdminAccess.Ensure(scope);
        Reject(SlaFieldErrors.Of(calendar.Validate()));
        var row = await SaveAsync<BusinessCalendarRow>(scope, id, expectedVersion, r => r.Key == calendar.Key && r.Region == calendar.Region, r =>
        {
            r.Key = calendar.Key;
            r.Region = calendar.Region;
            r.Json = DomainJson.Serialize(calendar);
        }, ct);
        return new StoredCalendar(row.Id, calendar, row.Version, row.UpdatedAt, row.UpdatedBy);
    }

    private static void Reject(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0) throw new InputRejectedException(errors);
    }

    private async Task<TRow> SaveAsync<TRow>(AccessScope scope, long? id, long expectedVersion,
        System.Linq.Expressions.Expression<Func<TRow, bool>> sameKey, Action<TRow> apply, CancellationToken ct) where TRow : class, ISlaSettingRow, new()
    {
        var now = clock.GetUtcNow();
        try
        {
            var saved = await writes.RunAsync(scope, async (db, token) =>
            {
                var set = db.Set<TRow>();
                var row = id is { } existing
                    ? await set.FirstOrDefaultAsync(r => r.Id == existing, token) ?? throw new NotFoundException(typeof(TRow).Name, existing.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    : null;
                if (row is not null && row.Version != expectedVersion) throw new ConcurrencyConflictException(row.UpdatedBy, row.UpdatedAt, row.Version);
                var clash = await set.Where(sameKey).Select(r => r.Id).FirstOrDefaultAsync(token);
                if (clash != 0 && clash != row?.Id)
                    throw new InputRejectedException([new FieldError("key", "Sla.DuplicateKey", "Another one has this key.")]);
                if (row is null) set.Add(row = new TRow());
                apply(row);
                (row.UpdatedAt, row.UpdatedBy) = (now, scope.Actor.Name);
                row.Version++;
                return row;
            }, ct);
            return saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("?", now, expectedVersion + 1);
        }
        finally
        {
            Invalidate();
        }
    }

    /// <summary>
    /// Puts in the default calendars and policies (<see cref="SampleSla"/>) when there are none, so that every new
    /// database has SLAs out of the box; an Admin's own settings are never touched.
    /// </summary>
    public static async Task SeedDefaultsAsync(WritePath writes, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await writes.RunAsync(AccessScope.System, async (db, token) =>
        {
            if (!await db.Set<BusinessCalendarRow>().AnyAsync(token))
                db.Set<BusinessCalendarRow>().AddRange(SampleSla.Calendars().Select(c => new BusinessCalendarRow
                {
                    Key = c.Key, Region = c.Region, Json = DomainJson.Serialize(c), UpdatedAt = now, UpdatedBy = "系统", Version = 1,
                }));
            if (!await db.Set<SlaPolicyRow>().AnyAsync(token))
                db.Set<SlaPolicyRow>().AddRange(SampleSla.Policies().Select(p => new SlaPolicyRow
                {
                    Key = p.Key, Json = DomainJson.Serialize(p), UpdatedAt = now, UpdatedBy = "系统", Version = 1,
                }));
            return true;
        }, ct);
    }
}

/// <summary>What the settings' save path needs of both row types.</summary>
public interface ISlaSettingRow
{
    long Id { get; }
    long Version { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
    string UpdatedBy { get; set; }
}
