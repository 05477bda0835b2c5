using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Dispatch;

/// <summary>A policy as the admin page edits it: for which tickets, the eight rules, auto-dispatch and its accept time.</summary>
public sealed record PolicyView(long? Id, TicketType? TicketType, string? Region, DispatchWeights Weights, bool AutoDispatch,
    int AcceptWithinMinutes, long Version);

/// <summary>
/// The dispatch policies: the most specific one for a ticket's type and region wins (type+region, then type, then
/// region, then the catch-all); with none on file, <see cref="DispatchWeights.Default"/> and no auto-dispatch.
/// </summary>
/// <remarks>
/// Every suggestion asks for a policy, and policies change only through <see cref="SaveAsync"/>: they are read once and
/// kept (a few rows), cleared when a save commits. Another server's save is seen within
/// <see cref="DispatchOptions.PolicyCacheSeconds"/>.
/// </remarks>
public sealed class DispatchPolicies(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TimeProvider clock,
    IOptions<DispatchOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly PolicyView None = new(null, null, null, DispatchWeights.Default, false, 30, 0);

    private sealed record Snapshot(IReadOnlyList<PolicyView> All, DateTimeOffset ReadAt);

    private Snapshot? _current;
    private long _generation;
    private int _reads;

    /// <summary>How many times the policies were read from the database (tests check that the cache holds).</summary>
    public int Reads => Volatile.Read(ref _reads);

    public async Task<PolicyView> ForAsync(TicketType type, string region, CancellationToken ct = default)
    {
        var snapshot = Volatile.Read(ref _current);
        if (snapshot is null || clock.GetUtcNow() - snapshot.ReadAt > TimeSpan.FromSeconds(options.Value.PolicyCacheSeconds))
            snapshot = await LoadAsync(ct);
        PolicyView? best = null;
        var bestRank = -1;
        foreach (var policy in snapshot.All)
        {
            if (policy.TicketType is { } t && t != type || policy.Region is { } r && r != region) continue;
            var rank = (policy.TicketType is null ? 0 : 2) + (policy.Region is null ? 0 : 1);
            if (rank > bestRank) (best, bestRank) = (policy, rank);
        }
        return best ?? None;
    }

    /// <summary>After a policy is saved (on commit): the next suggestion reads the policies afresh.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _current, null);
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        // A save during this read bumps the generation: the snapshot is then used once but not kept.
        var generation = Interlocked.Read(ref _generation);
        var readAt = clock.GetUtcNow();
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var rows = await db.DispatchPolicies.AsNoTracking().ToListAsync(ct);
        Interlocked.Increment(ref _reads);
        var snapshot = new Snapshot(rows.Select(View).ToList(), readAt);
        if (Interlocked.Read(ref _generation) == generation) Volatile.Write(ref _current, snapshot);
        return snapshot;
    }

    public async Task<IReadOnlyList<PolicyView>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        EnsureMayEdit(scope, region: null, listing: true);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var all = await db.DispatchPolicies.AsNoTracking().ToListAsync(ct);
        return all.Where(p => p.Region is null || scope.CanSeeRegion(p.Region))
            .OrderBy(p => p.TicketType is not null).ThenBy(p => p.TicketType).ThenBy(p => p.Region is not null).ThenBy(p => p.Region)
            .Select(View).ToList();
    }

    /// <summary>Saves a policy (new when <paramref name="policy"/>.Id is null); a stale version is a conflict, not an overwrite.</summary>
    public async Task<PolicyView> SaveAsync(AccessScope scope, PolicyView policy, CancellationToken ct = default)
    {
        EnsureMayEdit(scope, policy.Region, listing: false);
        if (policy.AcceptWithinMinutes is < 1 or > DispatchPolicy.MaxAcceptMinutes)
            throw new InputRejectedException([new FieldError("acceptWithinMinutes", "Dispatch.AcceptMinutesOutOfRange",
                $"The time to accept is 1 to {DispatchPolicy.MaxAcceptMinutes} minutes.", DispatchPolicy.MaxAcceptMinutes)]);
        var saved = await writes.RunAsync(scope, async (db, token) =>
        {
            var type = policy.TicketType?.ToString();
            var row = policy.Id is { } id
                ? await db.DispatchPolicies.FirstOrDefaultAsync(p => p.Id == id, token) ?? throw new NotFoundException("DispatchPolicy", id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : await db.DispatchPolicies.FirstOrDefaultAsync(p => p.TicketType == type && p.Region == policy.Region, token);
            if (row is null) db.DispatchPolicies.Add(row = new DispatchPolicy { TicketType = type, Region = policy.Region });
            else if (row.Version != policy.Version) throw new ConcurrencyConflictException(row.UpdatedBy, row.UpdatedAt, row.Version);
            row.Rules = JsonSerializer.Serialize(policy.Weights.Rules, Json);
            (row.AutoDispatch, row.AcceptWithinMinutes) = (policy.AutoDispatch, policy.AcceptWithinMinutes);
            (row.UpdatedAt, row.UpdatedBy) = (clock.GetUtcNow(), scope.Actor.Name);
            row.Version++;
            db.WriteState.OnCommit(Invalidate);
            return row;
        }, ct);
        // Again once the save has returned: a grouped commit may run its after-commit actions a moment after its writers return.
        Invalidate();
        return View(saved);
    }

    /// <summary>Admins set every policy; a region's Manager sets their region's own.</summary>
    private static void EnsureMayEdit(AccessScope scope, string? region, bool listing)
    {
        if (scope.IsIn(AppRoles.Admin)) return;
        if (scope.IsIn(AppRoles.Manager) && (listing || region is not null && scope.CanSeeRegion(region))) return;
        throw new AccessDeniedException("Dispatch.PolicyDenied", "Only an Admin, or a Manager for their own region, may change dispatch policies.");
    }

    private static PolicyView View(DispatchPolicy p) => new(p.Id, p.TicketType is null ? null : Enum.Parse<TicketType>(p.TicketType), p.Region,
        new DispatchWeights(JsonSerializer.Deserialize<List<CriterionRule>>(p.Rules, Json) ?? []), p.AutoDispatch, p.AcceptWithinMinutes, p.Version);
}
