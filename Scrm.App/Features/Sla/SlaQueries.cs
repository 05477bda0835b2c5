using Scrm.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Sla;

/// <summary>An escalation on a ticket's timeline: which step, for whom, why and when.</summary>
public sealed record SlaEscalationView(DateTimeOffset At, string Source, string Action, string? Role, string? Reason);

/// <summary>What the ticket's SLA panel shows: the policy, its clocks as of now and the escalations so far.</summary>
public sealed record SlaView(string PolicyKey, string PolicyName, string CalendarName, string TimeZoneId,
    IReadOnlyList<SlaClock> Clocks, IReadOnlyList<SlaEscalationView> Escalations, DateTimeOffset AsOf)
{
    public SlaClockState State => SlaRecalculator.Worst(Clocks);
}

/// <summary>What lists, cards and pins colour by: the worst state, the highest share of a target used, escalations.</summary>
public sealed record SlaSummary(SlaClockState State, double PercentUsed, int Escalations)
{
    /// <summary>From this share of a target on, a running clock shows amber.</summary>
    public const double WarningPercent = 75;

    public bool IsWarning => State == SlaClockState.Running && PercentUsed >= WarningPercent;
}

/// <summary>
/// Reads a ticket's SLA for screens. The clocks are recomputed as of now from the timeline with the policy the
/// ticket has: the stored row may be a moment behind the last status move, and elapsed time never stands still.
/// </summary>
public sealed class SlaQueries(IDbContextFactory<ScrmDbContext> dbFactory, SlaSettings settings, TimeProvider clock)
{
    /// <summary>The ticket's SLA, if it has one and <paramref name="scope"/> may see the ticket.</summary>
    public async Task<SlaView?> ForTicketAsync(AccessScope scope, long ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.CreatedAt, t.Region }).FirstOrDefaultAsync(ct);
        var row = await db.Set<TicketSla>().AsNoTracking().FirstOrDefaultAsync(s => s.TicketId == ticketId, ct);
        if (ticket is null || row is null) return null;
        var events = await db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == ticketId && (e.Kind == TicketEventKind.StatusChanged || e.Kind == TicketEventKind.Escalated))
            .OrderBy(e => e.Id).ToListAsync(ct);
        var snapshot = await settings.CurrentAsync(ct);
        var now = clock.GetUtcNow();
        var escalations = events.Where(e => e.Kind == TicketEventKind.Escalated)
            .Select(e => new SlaEscalationView(e.At, e.Before ?? "", e.Field ?? "", e.After, e.Comment)).ToList();
        var policy = snapshot.Policy(row.PolicyKey);
        var calendar = policy is null ? null : BusinessCalendars.Find(snapshot.Calendars, policy.CalendarKey, ticket.Region);
        var clocks = policy is null || calendar is null
            ? DomainJson.Deserialize<List<SlaClock>>(row.ClocksJson)
            : SlaClocks.Compute(policy, calendar, ticket.CreatedAt, SlaStatusChange.FromTimeline(events), now);
        return new SlaView(row.PolicyKey, policy?.Name ?? row.PolicyKey, calendar?.Name ?? "", calendar?.TimeZoneId ?? "Asia/Shanghai",
            clocks, escalations, now);
    }

    /// <summary>The SLA summary of each of <paramref name="ticketIds"/> that has clocks, as last stored.</summary>
    public async Task<IReadOnlyDictionary<long, SlaSummary>> SummariesAsync(AccessScope scope, IReadOnlyCollection<long> ticketIds, CancellationToken ct = default)
    {
        if (ticketIds.Count == 0) return new Dictionary<long, SlaSummary>();
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var ids = ticketIds.ToList();
        var rows = await db.Set<TicketSla>().AsNoTracking().Where(s => ids.Contains(s.TicketId)).ToListAsync(ct);
        var escalations = await db.TicketEvents.AsNoTracking()
            .Where(e => ids.Contains(e.TicketId) && e.Kind == TicketEventKind.Escalated)
            .GroupBy(e => e.TicketId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var now = clock.GetUtcNow();
        return rows.ToDictionary(r => r.TicketId, r => Summary(r, escalations.GetValueOrDefault(r.TicketId), now));
    }

    /// <summary>
    /// A running clock's share grows while it sits stored: a clock due by now shows breached, and one whose due time
    /// is near shows amber, without waiting for the next recomputation.
    /// </summary>
    public static SlaSummary Summary(TicketSla row, int escalations, DateTimeOffset now)
    {
        var clocks = DomainJson.Deserialize<List<SlaClock>>(row.ClocksJson);
        var percent = clocks.Where(c => !c.IsStopped).Select(c => PercentAt(c, now)).DefaultIfEmpty(0).Max();
        var state = row.State == SlaClockState.Running && row.NextDueAt <= now ? SlaClockState.Breached : row.State;
        return new SlaSummary(state, percent, escalations);
    }

    private static double PercentAt(SlaClock clock, DateTimeOffset now)
    {
        if (clock.State != SlaClockState.Running || clock.DueAt is not { } due || clock.Target <= TimeSpan.Zero) return clock.PercentUsed;
        // Working time left is not wall time left, but near the end (the amber zone) the two part little.
        var left = due - now;
        return Math.Max(clock.PercentUsed, 100 - left / clock.Target * 100);
    }
}
