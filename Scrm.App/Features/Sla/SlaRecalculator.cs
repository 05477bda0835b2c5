using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Timers;
using Scrm.Domain.Common;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Sla;

/// <summary>A ticket's clocks after a recomputation, and what they were before (for the timeline and SLA repair).</summary>
public sealed record SlaRecomputed(Ticket Ticket, SlaPolicy? Policy, BusinessCalendar? Calendar, IReadOnlyList<SlaClock> Clocks,
    string? PolicyBefore, SlaClockState? StateBefore, DateTimeOffset? BreachedBefore, TicketSla? Row)
{
    /// <summary>Whether anyone reading the ticket would see another outcome: another policy, state or breach.</summary>
    public bool Changed => Row?.PolicyKey != PolicyBefore || Row?.State != StateBefore || Row?.BreachedAt != BreachedBefore;
}

/// <summary>
/// Recomputes one ticket's clocks from its timeline on the caller's context: chooses the policy, upserts
/// <see cref="TicketSla"/>, and keeps one timer per ladder step still to come (moved when its time moves, cancelled
/// when its clock stops or pauses). Saves nothing; the caller's write commits it.
/// </summary>
public sealed class SlaRecalculator(SlaSettings settings, DueTimers timers)
{
    public const string TimerKind = "sla";

    /// <summary>Who SLA lines and escalations are recorded as.</summary>
    public static readonly Actor Actor = new("sla", "SLA 监控");

    /// <summary>
    /// A clock breaches once it has counted more than its target; its row is recomputed this long after the due time,
    /// so that lists, the board and the map see it breached without waiting for the next step.
    /// </summary>
    private static readonly TimeSpan BreachMargin = TimeSpan.FromSeconds(1);

    public static string TimerKey(long ticketId, string policyKey, SlaMetric metric, int step) =>
        $"sla:{ticketId}:{policyKey}:{metric}:{step}";

    public async Task<SlaRecomputed?> RecomputeAsync(ScrmDbContext db, long ticketId, DateTimeOffset now, CancellationToken ct)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null) return null;
        var timeline = await db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == ticketId && e.Kind == TicketEventKind.StatusChanged).ToListAsync(ct);
        var tier = await db.Customers.Where(c => c.Id == ticket.CustomerId).Select(c => c.Tier).FirstOrDefaultAsync(ct);
        var snapshot = await settings.CurrentAsync(ct);
        var policy = SlaPolicies.Choose(snapshot.Policies, new SlaSubject(ticket.Priority, tier, ticket.Region, ticket.Type));
        var calendar = policy is null ? null : BusinessCalendars.Find(snapshot.Calendars, policy.CalendarKey, ticket.Region);
        var row = await db.Set<TicketSla>().FirstOrDefaultAsync(s => s.TicketId == ticketId, ct);
        var (policyBefore, stateBefore, breachedBefore) = (row?.PolicyKey, row?.State, row?.BreachedAt);
        if (policy is null || calendar is null)
        {
            await KeepTimersAsync(db, ticketId, [], ct);
            return new(ticket, null, null, [], policyBefore, stateBefore, breachedBefore, row);
        }

        var clocks = SlaClocks.Compute(policy, calendar, ticket.CreatedAt, SlaStatusChange.FromTimeline(timeline), now);
        if (row is null) db.Set<TicketSla>().Add(row = new TicketSla { TicketId = ticketId });
        Fill(row, policy.Key, clocks, now);
        var due = SlaClocks.Escalations(policy, clocks, calendar);
        var steps = due.Select(d => (TimerKey(ticketId, policy.Key, d.Metric, d.StepIndex),
            new SlaTimerPayload(ticketId, policy.Key, d.Metric, d.StepIndex), d.DueAt));
        var breaches = clocks.Where(c => c is { State: SlaClockState.Running, DueAt: not null }).Select(c => (
            $"sla:{ticketId}:{policy.Key}:{c.Metric}:due", new SlaTimerPayload(ticketId, policy.Key, c.Metric, SlaTimerPayload.BreachStep),
            c.DueAt!.Value + BreachMargin));
        await KeepTimersAsync(db, ticketId, [.. steps, .. breaches], ct);
        if (policyBefore != policy.Key) NotePolicy(ticket, policy, calendar, policyBefore, now);
        return new(ticket, policy, calendar, clocks, policyBefore, stateBefore, breachedBefore, row);
    }

    private static void Fill(TicketSla row, string policyKey, IReadOnlyList<SlaClock> clocks, DateTimeOffset now)
    {
        row.PolicyKey = policyKey;
        row.ClocksJson = DomainJson.Serialize(clocks);
        row.State = Worst(clocks);
        row.NextDueAt = clocks.Where(c => c.State == SlaClockState.Running && c.DueAt is not null).Min(c => c.DueAt);
        row.BreachedAt = clocks.Where(c => c.BreachedAt is not null).Min(c => c.BreachedAt);
        row.ComputedAt = now;
        row.Version++;
    }

    /// <summary>Breached over Running over Paused over Met over Cancelled.</summary>
    public static SlaClockState Worst(IEnumerable<SlaClock> clocks) => clocks.Select(c => c.State)
        .OrderBy(s => s switch
        {
            SlaClockState.Breached => 0,
            SlaClockState.Running => 1,
            SlaClockState.Paused => 2,
            SlaClockState.Met => 3,
            _ => 4,
        })
        .DefaultIfEmpty(SlaClockState.Met).First();

    private Task KeepTimersAsync(ScrmDbContext db, long ticketId, IReadOnlyList<(string Key, SlaTimerPayload Payload, DateTimeOffset DueAt)> wanted, CancellationToken ct) =>
        timers.KeepAsync(db, TimerKind, ticketId, wanted.Select(w => (w.Key, w.DueAt, DomainJson.Serialize(w.Payload))).ToList(), ct);

    private static void NotePolicy(Ticket ticket, SlaPolicy policy, BusinessCalendar calendar, string? before, DateTimeOffset now)
    {
        var targets = string.Join("，", Enum.GetValues<SlaMetric>()
            .Where(m => policy.TargetMinutes(m) is not null)
            .Select(m => $"{SlaTexts.Metric(m)} {SlaTexts.Duration(TimeSpan.FromMinutes(policy.TargetMinutes(m)!.Value))}"));
        ticket.Note(TicketEventKind.Sla, before is null ? "PolicyChosen" : "PolicyChanged", policy.Name, Actor, now,
            $"{policy.Name} SLA：{targets}（{calendar.Name}）");
    }
}

/// <summary>What an SLA step's timer carries: enough to know which step it is without parsing its key.</summary>
public sealed record SlaTimerPayload(long TicketId, string PolicyKey, SlaMetric Metric, int Step)
{
    /// <summary>Not a ladder step: the recomputation just after a clock's due time, which marks it breached.</summary>
    public const int BreachStep = -1;
}
