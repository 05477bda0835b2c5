namespace Scrm.Domain.Settlement;

/// <summary>
/// One piece of a technician's month: revenue attributed to them (a whole bill, their share of a pipeline bill, or a
/// credit), when it happened, and whether it is a ticket they finished (which counts towards a count-based volume).
/// </summary>
public sealed record CommissionEntry(long TechnicianId, DateTimeOffset At, long RevenueFen, bool CountsAsTicket);

/// <summary>A technician's commission for a month: the volume reached, its tier, the revenue it was paid on and the amount.</summary>
public sealed record TechnicianCommission(long TechnicianId, string PlanKey, long Volume, int TierIndex, decimal TierRatePercent, int Tickets,
    long RevenueFen, long CommissionFen);

/// <summary>The commission arithmetic of a plan over one technician's month.</summary>
public static class Commission
{
    /// <summary>
    /// Pays one technician's month by <paramref name="plan"/>. Rules (ADR settlement): a count volume counts finished
    /// tickets, not credits; a revenue volume is the net revenue (never below zero). Whole (全额): the month's net
    /// revenue at the rate of the tier reached. Progressive (累进) by count: finished tickets in time order, ticket k at
    /// the rate of the tier holding k; by revenue: each tier's rate on the fen inside it. Revenue that is not a finished
    /// ticket of theirs (credits, a parent party's share) is paid at the rate of the tier the month reached. Rounded
    /// once, half away from zero.
    /// </summary>
    public static TechnicianCommission Compute(CommissionPlan plan, long technicianId, IReadOnlyList<CommissionEntry> entries)
    {
        var tickets = entries.Count(e => e.CountsAsTicket);
        var revenue = entries.Sum(e => e.RevenueFen);
        var volume = plan.Basis == CommissionBasis.TicketCount ? tickets : Math.Max(0, revenue);
        var tier = plan.TierIndexOf(volume);
        var reachedRate = plan.Tiers[tier].RatePercent;
        decimal exact = (plan.Basis, plan.Mode) switch
        {
            (_, TierMode.Whole) => revenue * reachedRate / 100m,
            (CommissionBasis.TicketCount, _) => ProgressiveByCount(plan, entries, reachedRate),
            _ => ProgressiveByRevenue(plan, volume) + (revenue - volume) * reachedRate / 100m,
        };
        return new TechnicianCommission(technicianId, plan.Key, volume, tier, reachedRate, tickets, revenue, Fen.Round(exact));
    }

    private static decimal ProgressiveByCount(CommissionPlan plan, IReadOnlyList<CommissionEntry> entries, decimal reachedRate)
    {
        decimal sum = 0;
        var k = 0;
        foreach (var e in entries.Where(e => e.CountsAsTicket).OrderBy(e => e.At))
            sum += e.RevenueFen * plan.Tiers[plan.TierIndexOf(++k)].RatePercent / 100m;
        sum += entries.Where(e => !e.CountsAsTicket).Sum(e => e.RevenueFen) * reachedRate / 100m;
        return sum;
    }

    // Like income tax brackets: units 1..volume, each tier paying its rate on the units it holds.
    private static decimal ProgressiveByRevenue(CommissionPlan plan, long volume)
    {
        decimal sum = 0;
        foreach (var tier in plan.Tiers)
        {
            var low = Math.Max(tier.From, 1);
            var high = Math.Min(tier.To ?? long.MaxValue, volume);
            if (high >= low) sum += (high - low + 1) * tier.RatePercent / 100m;
        }
        return sum;
    }

    /// <summary>The plan for a region: its own, else the plan without a region; null when there is neither.</summary>
    public static CommissionPlan? PlanFor(IEnumerable<CommissionPlan> plans, string region)
    {
        CommissionPlan? fallback = null;
        foreach (var plan in plans)
        {
            if (plan.Region == region) return plan;
            if (plan.Region is null) fallback ??= plan;
        }
        return fallback;
    }
}
