using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Settlement;

namespace Scrm.App.Features.Settlement;

public sealed record PeriodInfo(string Period, bool Closed, DateTimeOffset? ClosedAt, string? ClosedBy, bool HasLines = true);

public sealed record CommissionRow(long TechnicianId, string TechnicianName, string Region, string PlanName, CommissionBasis Basis, TierMode Mode,
    int Tier, decimal RatePercent, long Volume, int Tickets, long RevenueFen, long CommissionFen);

public sealed record PartnerRowView(string PartnerKey, string PartnerName, string Region, decimal SharePercent, int Tickets, long RevenueFen,
    long ShareFen, long FeeFen, long PayableFen);

public sealed record TicketRow(long TicketId, string TicketNumber, long? ParentTicketId, string Region, string City, string? TechnicianName,
    string? PartnerName, long RevenueFen, long CostFen, long MarginFen, decimal? MarginPercent, bool HasCredit, bool LateAdjustment);

/// <summary>Everything a period shows: its state, commissions, partner statements, the per-ticket list and the totals.</summary>
public sealed record SettlementStatement(PeriodInfo Period, IReadOnlyList<CommissionRow> Commissions, IReadOnlyList<PartnerRowView> Partners,
    IReadOnlyList<TicketRow> Tickets, long RevenueFen, long CostFen, long CommissionFen, long PartnerPayableFen)
{
    public Margin Margin => new(RevenueFen, CostFen);
}

/// <summary>Reads a period's settlement as the caller may see it (the query filters narrow it to their region).</summary>
public sealed class SettlementQueries(IDbContextFactory<ScrmDbContext> dbFactory, SettlementSetup setup, SettlementPeriods periods)
{
    /// <summary>The periods that have lines the caller can see, and the current one; newest first.</summary>
    public async Task<IReadOnlyList<PeriodInfo>> PeriodsAsync(AccessScope scope, CancellationToken ct = default)
    {
        SettlementAccess.EnsureReader(scope);
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var withLines = (await db.SettlementLines.Select(l => l.Period).Distinct().ToListAsync(ct)).ToHashSet();
        var closes = await db.SettlementPeriodCloses.AsNoTracking().ToDictionaryAsync(p => p.Period, ct);
        return withLines.Append(periods.Current.ToString()).Distinct().OrderDescending(StringComparer.Ordinal)
            .Select(p => closes.TryGetValue(p, out var c)
                ? new PeriodInfo(p, true, c.ClosedAt, c.ClosedBy, withLines.Contains(p))
                : new PeriodInfo(p, false, null, null, withLines.Contains(p)))
            .ToList();
    }

    public async Task<SettlementStatement> StatementAsync(AccessScope scope, SettlementPeriod period, CancellationToken ct = default)
    {
        SettlementAccess.EnsureReader(scope);
        var config = await setup.LoadAsync(ct);
        var text = period.ToString();
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var close = await db.SettlementPeriodCloses.AsNoTracking().FirstOrDefaultAsync(p => p.Period == text, ct);
        var lines = await db.SettlementLines.AsNoTracking().Where(l => l.Period == text)
            .Select(l => new
            {
                l.TicketId, l.TicketNumber, l.ParentTicketId, l.Region, l.City, l.TechnicianId, l.PartnerKey, l.Kind, l.LateAdjustment,
                l.RevenueFen, l.CostFen, l.PartnerShareFen, l.PartnerFeeFen,
            })
            .ToListAsync(ct);
        var shares = await db.SettlementShares.AsNoTracking().Where(s => s.Period == text && s.TechnicianId != null)
            .Select(s => new { TechnicianId = s.TechnicianId!.Value, s.Region, s.AmountFen, s.CountsAsTicket, s.OccurredAt })
            .ToListAsync(ct);
        var technicianIds = shares.Select(s => s.TechnicianId).Concat(lines.Where(l => l.TechnicianId != null).Select(l => l.TechnicianId!.Value))
            .Distinct().ToList();
        // Names only: a Manager's commission table covers the technicians who earned in their region.
        await using var names = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var technicians = await names.Technicians.AsNoTracking().Where(t => technicianIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name, t.Region }).ToDictionaryAsync(t => t.Id, ct);

        var regionOf = shares.GroupBy(s => s.TechnicianId).ToDictionary(g => g.Key,
            g => technicians.TryGetValue(g.Key, out var t) ? t.Region : g.First().Region);
        var commissions = MonthlySettlement.Commissions(config.Plans,
            shares.Select(s => new CommissionEntry(s.TechnicianId, s.OccurredAt, s.AmountFen, s.CountsAsTicket)), id => regionOf[id]);
        var plans = config.Plans.ToDictionary(p => p.Key);
        var commissionRows = commissions.Select(c =>
        {
            var plan = plans[c.PlanKey];
            return new CommissionRow(c.TechnicianId, technicians.TryGetValue(c.TechnicianId, out var t) ? t.Name : $"#{c.TechnicianId}", regionOf[c.TechnicianId],
                plan.Name, plan.Basis, plan.Mode, c.TierIndex + 1, c.TierRatePercent, c.Volume, c.Tickets, c.RevenueFen, c.CommissionFen);
        }).ToList();

        var partners = config.Partners.ToDictionary(p => p.Key);
        var statements = MonthlySettlement.Statements(lines.Where(l => l.PartnerKey != null)
            .Select(l => new PartnerEntry(l.PartnerKey!, l.RevenueFen, l.PartnerShareFen, l.PartnerFeeFen, l.Kind == SettlementLineKind.Bill)));
        var partnerRows = statements.Select(s => partners.TryGetValue(s.PartnerKey, out var p)
            ? new PartnerRowView(s.PartnerKey, p.Name, p.Region, p.SharePercent, s.Tickets, s.RevenueFen, s.ShareFen, s.FeeFen, s.PayableFen)
            : new PartnerRowView(s.PartnerKey, s.PartnerKey, "", 0, s.Tickets, s.RevenueFen, s.ShareFen, s.FeeFen, s.PayableFen)).ToList();

        var ticketRows = lines.GroupBy(l => l.TicketId).Select(g =>
        {
            var first = g.FirstOrDefault(l => l.Kind == SettlementLineKind.Bill) ?? g.First();
            var margin = new Margin(g.Sum(l => l.RevenueFen), g.Sum(l => l.CostFen));
            return new TicketRow(g.Key, first.TicketNumber, first.ParentTicketId, first.Region, first.City,
                first.TechnicianId is { } id && technicians.TryGetValue(id, out var t) ? t.Name : null,
                first.PartnerKey is { } key && partners.TryGetValue(key, out var p) ? p.Name : first.PartnerKey,
                margin.RevenueFen, margin.CostFen, margin.MarginFen, margin.RatePercent, g.Any(l => l.Kind == SettlementLineKind.Credit),
                g.Any(l => l.LateAdjustment));
        }).OrderBy(t => t.TicketNumber, StringComparer.Ordinal).ToList();

        var info = close is null ? new PeriodInfo(text, false, null, null) : new PeriodInfo(text, true, close.ClosedAt, close.ClosedBy);
        return new SettlementStatement(info, commissionRows, partnerRows, ticketRows, lines.Sum(l => l.RevenueFen), lines.Sum(l => l.CostFen),
            commissionRows.Sum(c => c.CommissionFen), partnerRows.Sum(p => p.PayableFen));
    }
}
