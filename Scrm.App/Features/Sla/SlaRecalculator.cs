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

    /// <summary>Recomputes one ticket (a fired ladder step, SLA repair); see <see cref="RecomputeManyAsync"/>.</summary>
    public async Task<SlaRecomputed?> RecomputeAsync(ScrmDbContext db, long ticketId, DateTimeOffset now, CancellationToken ct) =>
        (await RecomputeManyAsync(db, [ticketId], now, ct)).GetValueOrDefault(ticketId);

    /// <summary>
    /// Recomputes several tickets with one query per kind of row (tickets, timelines, tiers, SLA rows, timers) instead
    /// of five per ticket: the tracker recomputes each ticket of an outbox batch once, however many of its events came.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, SlaRecomputed>> RecomputeManyAsync(ScrmDbContext db, IReadOnlyCollection<long> ticketIds,
        DateTimeOffset now, CancellationToken ct)
    {
        var ids = ticketIds.Distinct().ToList();
        var tickets = await db.Tickets.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        if (tickets.Count == 0) return new Dictionary<long, SlaRecomputed>();
        var lines = (await db.TicketEvents.AsNoTracking()
            .Where(e => ids.Contains(e.TicketId) && (e.Kind == TicketEventKind.StatusChanged
                || (e.Kind == TicketEventKind.Sla && e.Field == Ticket.SlaBreachField)))
            .ToListAsync(ct)).ToLookup(e => e.TicketId);
        var customers = tickets.Select(t => t.CustomerId).Distinct().ToList();
        var tiers = await db.Customers.Where(c => customers.Contains(c.Id)).Select(c => new { c.Id, c.Tier }).ToDictionaryAsync(c => c.Id, c => c.Tier, ct);
        var rows = await db.Set<TicketSla>().Where(s => ids.Contains(s.TicketId)).ToDictionaryAsync(s => s.TicketId, ct);
        var stored = await timers.PendingOrFiredAsync(db, TimerKind, ids, ct);
        var snapshot = await settings.CurrentAsync(ct);
        var result = new Dictionary<long, SlaRecomputed>(tickets.Count);
        foreach (var ticket in tickets)
        {
            var timeline = lines[ticket.Id].ToList();
            result[ticket.Id] = Recompute(db, ticket, timeline, tiers.GetValueOrDefault(ticket.CustomerId), rows.GetValueOrDefault(ticket.Id),
                stored[ticket.Id].ToList(), snapshot, now);
        }
        return result;
    }

    private SlaRecomputed Recompute(ScrmDbContext db, Ticket ticket, List<TicketEvent> timeline, Scrm.Domain.Customers.CustomerTier tier,
        TicketSla? row, List<DueTimer> stored, SlaSnapshot snapshot, DateTimeOffset now)
    {
        var ticketId = ticket.Id;
        var policy = SlaPolicies.Choose(snapshot.Policies, new SlaSubject(ticket.Priority, tier, ticket.Region, ticket.Type));
        var calendar = policy is null ? null : BusinessCalendars.Find(snapshot.Calendars, policy.CalendarKey, ticket.Region);
        var (policyBefore, stateBefore, breachedBefore) = (row?.PolicyKey, row?.State, row?.BreachedAt);
        if (policy is null || calendar is null)
        {
            KeepTimers(db, ticketId, stored, []);
            return new(ticket, null, null, [], policyBefore, stateBefore, breachedBefore, row);
        }

        var clocks = SlaClocks.Compute(policy, calendar, ticket.CreatedAt,
            SlaStatusChange.FromTimeline(timeline.Where(e => e.Kind == TicketEventKind.StatusChanged).ToList()), now);
        if (row is null) db.Set<TicketSla>().Add(row = new TicketSla { TicketId = ticketId });
        Fill(row, policy.Key, clocks, now);
        var fired = stored.Where(t => t.FiredAt is not null).Select(t => t.Key).ToHashSet();
        var steps = NextSteps(SlaClocks.Escalations(policy, clocks, calendar), d => fired.Contains(TimerKey(ticketId, policy.Key, d.Metric, d.StepIndex)))
            .Select(d => (TimerKey(ticketId, policy.Key, d.Metric, d.StepIndex), new SlaTimerPayload(ticketId, policy.Key, d.Metric, d.StepIndex), d.DueAt));
        var breaches = clocks.Where(c => c is { State: SlaClockState.Running, DueAt: not null }).Select(c => (
            $"sla:{ticketId}:{policy.Key}:{c.Metric}:due", new SlaTimerPayload(ticketId, policy.Key, c.Metric, SlaTimerPayload.BreachStep),
            c.DueAt!.Value + BreachMargin));
        KeepTimers(db, ticketId, stored, [.. steps, .. breaches]);
        if (policyBefore != policy.Key) NotePolicy(ticket, policy, calendar, policyBefore, now);
        RaiseBreaches(ticket, clocks, calendar, timeline, now);
        return new(ticket, policy, calendar, clocks, policyBefore, stateBefore, breachedBefore, row);
    }

    /// <summary>
    /// Per clock only the first ladder step not fired yet: the step's timer, when it fires, recomputes and so arms the
    /// next one. A ticket then keeps one step timer per clock instead of its whole ladder, rewritten on every move.
    /// </summary>
    public static IEnumerable<SlaEscalationDue> NextSteps(IEnumerable<SlaEscalationDue> due, Func<SlaEscalationDue, bool> fired) =>
        due.Where(d => !fired(d)).GroupBy(d => d.Metric).Select(g => g.OrderBy(d => d.DueAt).ThenBy(d => d.StepIndex).First());

    /// <summary>
    /// A clock found breached raises <see cref="TicketSlaBreached"/> once (its timeline line says it was raised), at
    /// the breach instant the timeline gives, back-dated when an SLA repair finds an earlier one.
    /// </summary>
    private static void RaiseBreaches(Ticket ticket, IReadOnlyList<SlaClock> clocks, BusinessCalendar calendar, List<TicketEvent> timeline, DateTimeOffset now)
    {
        foreach (var clock in clocks.Where(c => c.BreachedAt is not null))
        {
            var metric = clock.Metric.ToString();
            if (timeline.Any(e => e.Kind == TicketEventKind.Sla && e.Field == Ticket.SlaBreachField && e.Before == metric)) continue;
            var breachedAt = clock.BreachedAt!.Value;
            ticket.RecordSlaBreach(metric, clock.DueAt ?? breachedAt, breachedAt,
                $"{SlaTexts.Metric(clock.Metric)} {SlaTexts.Local(breachedAt, calendar)}", Actor, now);
        }
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

    private void KeepTimers(ScrmDbContext db, long ticketId, List<DueTimer> stored,
        IReadOnlyList<(string Key, SlaTimerPayload Payload, DateTimeOffset DueAt)> wanted) =>
        timers.Keep(db, TimerKind, ticketId, stored, wanted.Select(w => (w.Key, w.DueAt, DomainJson.Serialize(w.Payload))).ToList());

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
