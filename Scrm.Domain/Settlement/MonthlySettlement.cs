namespace Scrm.Domain.Settlement;

/// <summary>A partner's part of one settlement line.</summary>
public sealed record PartnerEntry(string PartnerKey, long RevenueFen, long ShareFen, long FeeFen, bool FinishedTicket);

/// <summary>What a partner is owed for a period: its tickets, the revenue in its territory, its share and fees.</summary>
public sealed record PartnerStatement(string PartnerKey, int Tickets, long RevenueFen, long ShareFen, long FeeFen)
{
    public long PayableFen => ShareFen + FeeFen;
}

/// <summary>Revenue, cost and margin of a ticket or a total; the margin rate is null without revenue.</summary>
public readonly record struct Margin(long RevenueFen, long CostFen)
{
    public long MarginFen => RevenueFen - CostFen;

    public decimal? RatePercent => RevenueFen == 0 ? null : Math.Round(MarginFen * 100m / RevenueFen, 1, MidpointRounding.AwayFromZero);
}

/// <summary>A period's commissions and partner statements, computed from its settlement lines.</summary>
public static class MonthlySettlement
{
    /// <summary>
    /// Each technician's commission, by the plan of their region (<paramref name="regionOf"/>); technicians whose region
    /// has no plan are left out.
    /// </summary>
    public static IReadOnlyList<TechnicianCommission> Commissions(IEnumerable<CommissionPlan> plans, IEnumerable<CommissionEntry> entries,
        Func<long, string> regionOf)
    {
        var planList = plans.ToList();
        var result = new List<TechnicianCommission>();
        foreach (var group in entries.GroupBy(e => e.TechnicianId))
        {
            if (Commission.PlanFor(planList, regionOf(group.Key)) is not { } plan) continue;
            result.Add(Commission.Compute(plan, group.Key, group.ToList()));
        }
        return result.OrderByDescending(c => c.CommissionFen).ThenBy(c => c.TechnicianId).ToList();
    }

    public static IReadOnlyList<PartnerStatement> Statements(IEnumerable<PartnerEntry> entries) =>
        entries.GroupBy(e => e.PartnerKey)
            .Select(g => new PartnerStatement(g.Key, g.Count(e => e.FinishedTicket), g.Sum(e => e.RevenueFen), g.Sum(e => e.ShareFen), g.Sum(e => e.FeeFen)))
            .OrderBy(s => s.PartnerKey, StringComparer.Ordinal)
            .ToList();
}
