using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Settlement;

namespace Scrm.App.Features.Settlement;

/// <summary>The settlement configuration as the domain knows it.</summary>
public sealed record SettlementConfig(IReadOnlyList<CommissionPlan> Plans, IReadOnlyList<Partner> Partners, PipelineSplit Split);

/// <summary>Commission plans, partners and the pipeline split: read by everyone who settles, changed by an Admin, checked when saved.</summary>
public sealed class SettlementSetup(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes)
{
    public async Task<SettlementConfig> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var plans = await db.CommissionPlans.AsNoTracking().OrderBy(p => p.Region == null ? 0 : 1).ThenBy(p => p.Key).ToListAsync(ct);
        var partners = await db.SettlementPartners.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct);
        var split = await db.SettlementSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        return new SettlementConfig(plans.Select(p => p.ToPlan()).ToList(), partners.Select(p => p.ToPartner()).ToList(),
            split?.ToSplit() ?? PipelineSplit.Default);
    }

    public Task SavePlanAsync(AccessScope scope, CommissionPlan plan, CancellationToken ct = default)
    {
        SettlementAccess.EnsureAdmin(scope);
        Reject(plan.Validate());
        return writes.RunAsync(scope, async (db, token) =>
        {
            var row = await db.CommissionPlans.FirstOrDefaultAsync(p => p.Key == plan.Key, token);
            if (row is null) db.CommissionPlans.Add(row = new CommissionPlanRow());
            row.From(plan);
            row.Version++;
            return true;
        }, ct);
    }

    public Task DeletePlanAsync(AccessScope scope, string key, CancellationToken ct = default)
    {
        SettlementAccess.EnsureAdmin(scope);
        return writes.RunAsync(scope, async (db, token) =>
        {
            var row = await db.CommissionPlans.FirstOrDefaultAsync(p => p.Key == key, token) ?? throw new NotFoundException("Commission plan", key);
            db.CommissionPlans.Remove(row);
            return true;
        }, ct);
    }

    public Task SavePartnerAsync(AccessScope scope, Partner partner, CancellationToken ct = default)
    {
        SettlementAccess.EnsureAdmin(scope);
        return writes.RunAsync(scope, async (db, token) =>
        {
            var rows = await db.SettlementPartners.ToListAsync(token);
            Reject(partner.Validate(rows.Select(r => r.ToPartner())));
            var row = rows.FirstOrDefault(p => p.Key == partner.Key);
            if (row is null) db.SettlementPartners.Add(row = new PartnerRow());
            row.From(partner);
            row.Version++;
            return true;
        }, ct);
    }

    public Task SaveSplitAsync(AccessScope scope, PipelineSplit split, CancellationToken ct = default)
    {
        SettlementAccess.EnsureAdmin(scope);
        Reject(split.Validate());
        return writes.RunAsync(scope, async (db, token) =>
        {
            var row = await db.SettlementSettings.OrderBy(s => s.Id).FirstOrDefaultAsync(token);
            if (row is null) db.SettlementSettings.Add(row = new SettlementSettingsRow());
            (row.ParentPercent, row.ChildPercent) = (split.ParentPercent, split.ChildPercent);
            row.Version++;
            return true;
        }, ct);
    }

    private static void Reject(IReadOnlyList<SettlementProblem> problems)
    {
        if (problems.Count > 0)
            throw new InputRejectedException(problems.Select(p => new FieldError(p.Field, p.Code, p.Reason)).ToList());
    }
}
