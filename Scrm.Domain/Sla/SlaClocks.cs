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
    public static IReadOnlyList<SlaEscalationDue> Escalations(SlaPolicy policy, IReadOnlyList<SlaClock> clocks, BusinessCalendar calendar)
    {
        var due = new List<SlaEscalationDue>();
        foreach (var clock in clocks)
        {
            if (clock.IsStopped) continue;
            var steps = Enumerable.Range(0, policy.Ladder.Count).Where(i => policy.Ladder[i].AppliesTo(clock.Metric)).ToArray();
            // All of the clock's steps in one walk of its runs and the calendar, not one walk per step.
            var reached = clock.Reaches([.. steps.Select(i => AtPercent(clock.Target, policy.Ladder[i].AtPercent))], calendar);
            for (var k = 0; k < steps.Length; k++)
                if (reached[k] is { } at) due.Add(new SlaEscalationDue(clock.Metric, steps[k], policy.Ladder[steps[k]], at));
        }
        // Metric and step tell every entry apart, so an unstable sort orders them as a stable one would.
        due.Sort((a, b) => a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt)
            : a.Metric != b.Metric ? a.Metric.CompareTo(b.Metric) : a.StepIndex.CompareTo(b.StepIndex));
        return due;
    }

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
        // The due time and the breach are the same instant, the target reached: walked once for both.
        var reachesTarget = mode == Mode.Counting || elapsed > clock.Target ? clock.Reaches(clock.Target, calendar) : null;
        var breachedAt = elapsed > clock.Target ? reachesTarget : null;
        return clock with
        {
            DueAt = mode == Mode.Counting ? reachesTarget : null,
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
