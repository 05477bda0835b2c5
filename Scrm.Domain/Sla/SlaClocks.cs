using Scrm.Domain.Tickets;

namespace Scrm.Domain.Sla;

/// <summary>
/// The SLA clocks of a ticket, recomputed from scratch from its status history: a changed calendar (a holiday added
/// later) or another policy gives the corrected clocks, and every clock starts when the ticket was created, whenever
/// the policy came.
/// </summary>
public static class SlaClocks
{
    private enum Mode { Counting, Held, Stopped }

    /// <summary>Statuses that answer the first response (接单) and arrival (到场) for good, whatever follows.</summary>
    private static readonly HashSet<TicketStatus> Responded =
        [TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed];

    private static readonly HashSet<TicketStatus> Arrived =
        [TicketStatus.OnSite, TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed];

    /// <summary>One clock per metric the policy measures, as of <paramref name="now"/>; later changes are ignored.</summary>
    public static IReadOnlyList<SlaClock> Compute(SlaPolicy policy, BusinessCalendar calendar, DateTimeOffset createdAt,
        IReadOnlyList<SlaStatusChange> changes, DateTimeOffset now)
    {
        var history = changes.Where(c => c.At <= now).OrderBy(c => c.At).ToList();
        return Enum.GetValues<SlaMetric>()
            .Where(m => policy.TargetMinutes(m) is not null)
            .Select(m => Clock(m, policy.TargetMinutes(m)!.Value, calendar, createdAt, history, now))
            .ToList();
    }

    /// <summary>
    /// Each ladder step with the instant it falls due, for every clock not stopped: all steps of a running clock
    /// (passed ones included, so that none is missed), the steps a paused clock passed while it ran.
    /// </summary>
    public static IReadOnlyList<SlaEscalationDue> Escalations(SlaPolicy policy, IReadOnlyList<SlaClock> clocks, BusinessCalendar calendar) =>
        clocks.Where(c => !c.IsStopped)
            .SelectMany(clock => policy.Ladder
                .Select((step, index) => (step, index))
                .Where(s => s.step.AppliesTo(clock.Metric))
                .Select(s => (s.step, s.index, due: clock.Reaches(AtPercent(clock.Target, s.step.AtPercent), calendar)))
                .Where(s => s.due is not null)
                .Select(s => new SlaEscalationDue(clock.Metric, s.index, s.step, s.due!.Value)))
            .OrderBy(e => e.DueAt).ThenBy(e => e.Metric).ThenBy(e => e.StepIndex)
            .ToList();

    private static TimeSpan AtPercent(TimeSpan target, int percent) => TimeSpan.FromTicks(target.Ticks * percent / 100);

    private static SlaClock Clock(SlaMetric metric, int targetMinutes, BusinessCalendar calendar, DateTimeOffset createdAt,
        IReadOnlyList<SlaStatusChange> history, DateTimeOffset now)
    {
        var runs = new List<SlaClockRun>();
        var holds = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var (mode, since, done, status) = (Mode.Counting, createdAt, false, TicketStatus.New);
        foreach (var change in history)
        {
            var at = change.At < createdAt ? createdAt : change.At;
            status = change.To;
            done |= metric switch
            {
                SlaMetric.FirstResponse => Responded.Contains(status),
                SlaMetric.Arrival => Arrived.Contains(status),
                _ => false,
            };
            var next = ModeIn(metric, status, done);
            if (next == mode) continue;
            if (mode == Mode.Counting) runs.Add(new(since, at));
            if (mode == Mode.Held) holds.Add((since, at));
            (mode, since) = (next, at);
        }
        if (mode == Mode.Counting) runs.Add(new(since, null));
        if (mode == Mode.Held) holds.Add((since, now));

        var elapsed = runs.Aggregate(TimeSpan.Zero, (sum, r) => sum + calendar.WorkingTimeBetween(r.From, r.To ?? now));
        var paused = holds.Aggregate(TimeSpan.Zero, (sum, h) => sum + calendar.WorkingTimeBetween(h.From, h.To));
        var clock = new SlaClock(metric, targetMinutes, createdAt, mode == Mode.Stopped ? since : null, elapsed, paused,
            null, null, SlaClockState.Running, elapsed / TimeSpan.FromMinutes(targetMinutes) * 100, runs);
        var breachedAt = elapsed > clock.Target ? clock.Reaches(clock.Target, calendar) : null;
        return clock with
        {
            DueAt = mode == Mode.Counting ? clock.Reaches(clock.Target, calendar) : null,
            BreachedAt = breachedAt,
            State = (mode, breachedAt, status) switch
            {
                (Mode.Held, _, _) => SlaClockState.Paused,
                (_, not null, _) => SlaClockState.Breached,
                (Mode.Counting, null, _) => SlaClockState.Running,
                (Mode.Stopped, null, TicketStatus.Cancelled) => SlaClockState.Cancelled,
                _ => SlaClockState.Met,
            },
        };
    }

    private static Mode ModeIn(SlaMetric metric, TicketStatus status, bool done)
    {
        if (status == TicketStatus.Cancelled || done) return Mode.Stopped;
        if (metric == SlaMetric.Resolution && status is TicketStatus.Resolved or TicketStatus.Closed) return Mode.Stopped;
        return status == TicketStatus.OnHold ? Mode.Held : Mode.Counting;
    }
}
