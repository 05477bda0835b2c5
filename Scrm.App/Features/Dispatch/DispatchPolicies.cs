using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
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
public sealed class DispatchPolicies(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<PolicyView> ForAsync(TicketType type, string region, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var name = type.ToString();
        var candidates = await db.DispatchPolicies.AsNoTracking()
            .Where(p => (p.TicketType == name || p.TicketType == null) && (p.Region == region || p.Region == null)).ToListAsync(ct);
        var best = candidates.OrderByDescending(p => (p.TicketType is null ? 0 : 2) + (p.Region is null ? 0 : 1)).FirstOrDefault();
        return best is null ? new PolicyView(null, null, null, DispatchWeights.Default, false, 30, 0) : View(best);
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
            return row;
        }, ct);
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
