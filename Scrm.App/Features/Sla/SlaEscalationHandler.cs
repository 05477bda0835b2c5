using Scrm.Domain.Common;
using Scrm.App.Data;
using Scrm.App.Features.Timers;
using Microsoft.EntityFrameworkCore;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Sla;

/// <summary>
/// Fires a ladder step: recomputes the ticket's clocks first, then, if the step's clock still runs (or runs
/// breached) and has reached the step, records the escalation on the ticket (TicketEscalated: notifications tell the
/// person, dispatch moves a ReassignToBackup). A step whose time moved later is armed again for its new time; one
/// whose clock paused waits, cancelled, for the clock to run again; one whose clock stopped is done.
/// </summary>
public sealed class SlaEscalationHandler(SlaRecalculator recalculator, DueTimers timers, TimeProvider clock) : ITimerHandler
{
    public string Kind => SlaRecalculator.TimerKind;

    public async Task FireAsync(ScrmDbContext db, DueTimer timer, CancellationToken ct)
    {
        var payload = DomainJson.Deserialize<SlaTimerPayload>(timer.Payload);
        var now = clock.GetUtcNow();
        var recomputed = await recalculator.RecomputeAsync(db, payload.TicketId, now, ct);
        if (recomputed is not { Policy: { } policy, Calendar: { } calendar } || policy.Key != payload.PolicyKey) return;
        if (payload.Step == SlaTimerPayload.BreachStep)
        {
            await RearmBreachCheckAsync(db, timer, recomputed.Clocks.FirstOrDefault(c => c.Metric == payload.Metric), ct);
            return;
        }
        var running = recomputed.Clocks.FirstOrDefault(c => c.Metric == payload.Metric && !c.IsStopped
            && c.State is SlaClockState.Running or SlaClockState.Breached);
        var due = SlaClocks.Escalations(policy, recomputed.Clocks, calendar)
            .FirstOrDefault(d => d.Metric == payload.Metric && d.StepIndex == payload.Step);
        if (running is null || due is null || due.DueAt > now)
        {
            if (recomputed.Clocks.Any(c => c.Metric == payload.Metric && !c.IsStopped)) await timers.PutBackAsync(db, timer, due?.DueAt, ct);
            return;
        }
        var step = due.Step;
        recomputed.Ticket.RecordEscalation(SlaRecalculator.TimerKind, step.Action.ToString(), step.Role ?? DefaultRole(step.Action),
            Reason(policy, running, step, calendar), SlaRecalculator.Actor, now);
        if (step.AtPercent < 100 && running.DueAt is { } breachesAt) await WarnOnceAsync(db, recomputed.Ticket, running, step, breachesAt, calendar, now, ct);
    }

    /// <summary>
    /// A step below 100 % warns that the clock will breach (TicketSlaWarning), once per clock and percentage: two
    /// steps at the same percentage (remind and notify) warn once, and a step fired again after its clock paused
    /// finds the line of the first warning.
    /// </summary>
    private static async Task WarnOnceAsync(ScrmDbContext db, Ticket ticket, SlaClock clock, EscalationStep step, DateTimeOffset breachesAt,
        BusinessCalendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        var metric = clock.Metric.ToString();
        var key = Ticket.SlaWarningKey(metric, step.AtPercent);
        if (await db.TicketEvents.AnyAsync(e => e.TicketId == ticket.Id && e.Kind == TicketEventKind.Sla && e.Field == Ticket.SlaWarningField
                && e.Before == key, ct)) return;
        ticket.RecordSlaWarning(metric, step.AtPercent, breachesAt,
            $"{SlaTexts.Metric(clock.Metric)} {step.AtPercent}%，{SlaTexts.Local(breachesAt, calendar)} 到期", SlaRecalculator.Actor, now);
    }

    /// <summary>Whom an action addresses when the step names nobody (null: the assignee).</summary>
    public static string? DefaultRole(EscalationAction action) => action switch
    {
        EscalationAction.RemindAssignee => null,
        EscalationAction.NotifySupervisor or EscalationAction.ReassignToBackup => AppRoles.Dispatcher,
        _ => AppRoles.Manager,
    };

    private static string Reason(SlaPolicy policy, SlaClock clock, EscalationStep step, BusinessCalendar calendar)
    {
        var dueAt = clock.BreachedAt ?? clock.DueAt;
        var when = clock.BreachedAt is null ? $"{SlaTexts.Local(dueAt, calendar)} 到期" : $"已于 {SlaTexts.Local(dueAt, calendar)} 超时";
        return $"{policy.Name} SLA {SlaTexts.Metric(clock.Metric)}已用 {step.AtPercent}%（目标 {SlaTexts.Duration(clock.Target)}，{when}）：{step.Label ?? step.Action.ToString()}";
    }

    /// <summary>A clock that paused, or whose due time moved, before it breached gets its breach check again later.</summary>
    private async Task RearmBreachCheckAsync(ScrmDbContext db, DueTimer timer, SlaClock? clock, CancellationToken ct)
    {
        if (clock is null || clock.IsStopped || clock.State == SlaClockState.Breached) return;
        await timers.PutBackAsync(db, timer, clock.DueAt?.AddSeconds(1), ct);
    }
}
