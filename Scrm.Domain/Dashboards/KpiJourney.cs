using Scrm.Domain.Tickets;

namespace Scrm.Domain.Dashboards;

/// <summary>A change to the rollups: <see cref="Totals"/> belong to the business day of <see cref="At"/>.</summary>
public sealed record KpiDelta(DateTimeOffset At, KpiTotals Totals);

/// <summary>
/// What the dashboards remember of one ticket between its events (first acceptance, site visits, reopens, whether it
/// is open), and the figures each status move adds. The live handler and the rebuild both replay moves through this
/// one class, which is why a rebuild gives the same rollups as the events did.
/// </summary>
public sealed class KpiJourney
{
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The local creation day's <see cref="DateOnly.DayNumber"/>: the backlog's age is measured in days.</summary>
    public int CreatedDay { get; set; }
    public TicketStatus Status { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? OnSiteAt { get; set; }
    public int SiteVisits { get; set; }
    public int Reopens { get; set; }
    public bool EverAssigned { get; set; }
    public bool EverResolved { get; set; }
    public bool EverClosed { get; set; }

    public static bool IsOpen(TicketStatus status) => status is not (TicketStatus.Closed or TicketStatus.Cancelled);

    /// <summary>
    /// Whether a move can add a figure or change what later moves count. A move between two open statuses that no
    /// figure counts (back to new, en route, in progress, on hold) does neither — <see cref="Move"/> only needs to know
    /// that the ticket is open — so the live handler drops it before reading anything, and <see cref="Status"/> is then
    /// the last status that counted.
    /// </summary>
    public static bool Counts(TicketStatus from, TicketStatus to) =>
        to is not (TicketStatus.New or TicketStatus.EnRoute or TicketStatus.InProgress or TicketStatus.OnHold) || IsOpen(from) != IsOpen(to);

    /// <summary>A new ticket: one more created (in its local hour), one more open.</summary>
    public static (KpiJourney Journey, KpiDelta Delta) Open(DateTimeOffset createdAt, DateOnly localDay, int localHour)
    {
        var journey = new KpiJourney { CreatedAt = createdAt, CreatedDay = localDay.DayNumber, Status = TicketStatus.New };
        var t = new KpiTotals();
        t[KpiCounter.Created] = 1;
        t[KpiCounter.OpenDelta] = 1;
        t[KpiCounter.OpenCreatedDays] = journey.CreatedDay;
        t.AddCreatedInHour(localHour);
        return (journey, new KpiDelta(createdAt, t));
    }

    /// <summary>
    /// The figures one move adds: counts on the day of the move, durations from creation, and the stage funnel on the
    /// creation day. <paramref name="sla"/> matters only for the first resolution.
    /// </summary>
    public IReadOnlyList<KpiDelta> Move(TicketStatus to, DateTimeOffset at, SlaVerdict sla = SlaVerdict.NotTracked)
    {
        var now = new KpiTotals();
        var cohort = new KpiTotals();
        var from = Status;
        switch (to)
        {
            case TicketStatus.Assigned when !EverAssigned:
                EverAssigned = true;
                cohort[KpiCounter.ReachedAssigned] = 1;
                break;
            case TicketStatus.Accepted when AcceptedAt is null:
                AcceptedAt = at;
                now[KpiCounter.FirstResponseCount] = 1;
                now[KpiCounter.FirstResponseMinutes] = Minutes(at - CreatedAt);
                cohort[KpiCounter.ReachedAccepted] = 1;
                break;
            case TicketStatus.OnSite:
                SiteVisits++;
                if (OnSiteAt is not null) break;
                OnSiteAt = at;
                now[KpiCounter.ArrivalCount] = 1;
                now[KpiCounter.ArrivalMinutes] = Minutes(at - CreatedAt);
                cohort[KpiCounter.ReachedOnSite] = 1;
                break;
            case TicketStatus.Resolved:
                now[KpiCounter.Resolved] = 1;
                now.AddResolution(at - CreatedAt);
                if (EverResolved) break;
                EverResolved = true;
                cohort[KpiCounter.ReachedResolved] = 1;
                if (sla == SlaVerdict.NotTracked) break;
                now[KpiCounter.SlaMeasured] = 1;
                now[KpiCounter.SlaMet] = sla == SlaVerdict.Met ? 1 : 0;
                break;
            case TicketStatus.Closed:
                now[KpiCounter.Closed] = 1;
                if (EverClosed) break;
                EverClosed = true;
                cohort[KpiCounter.ReachedClosed] = 1;
                now[KpiCounter.FixMeasured] = 1;
                now[KpiCounter.FirstTimeFixed] = IsFirstTimeFix ? 1 : 0;
                break;
            case TicketStatus.Cancelled:
                now[KpiCounter.Cancelled] = 1;
                break;
            case TicketStatus.Reopened:
                Reopens++;
                now[KpiCounter.Reopened] = 1;
                break;
        }
        Status = to;
        if (IsOpen(from) != IsOpen(to))
        {
            var sign = IsOpen(to) ? 1 : -1;
            now[KpiCounter.OpenDelta] = sign;
            now[KpiCounter.OpenCreatedDays] = sign * (long)CreatedDay;
        }
        var deltas = new List<KpiDelta>(2);
        if (!now.IsZero) deltas.Add(new KpiDelta(at, now));
        if (!cohort.IsZero) deltas.Add(new KpiDelta(CreatedAt, cohort));
        return deltas;
    }

    /// <summary>Fixed at the first visit: never reopened, and at most one trip to the site.</summary>
    public bool IsFirstTimeFix => Reopens == 0 && SiteVisits <= 1;

    private static long Minutes(TimeSpan span) => (long)Math.Max(0, Math.Round(span.TotalMinutes));
}
