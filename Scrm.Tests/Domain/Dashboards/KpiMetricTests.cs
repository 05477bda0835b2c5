using Scrm.Domain.Dashboards;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Sla.SlaTime;
using S = Scrm.Domain.Tickets.TicketStatus;

namespace Scrm.Tests.Domain.Dashboards;

public class DashboardsResolutionHistogram
{
    [Fact]
    public void MedianAndP90ComeFromTheBucketsTheyFallIn()
    {
        // Ten tickets: six resolved within 30 min, three in 1–2 h, one after 3 days.
        var minutes = new[] { 5, 10, 12, 20, 25, 29, 70, 90, 110, 4400 };
        var counts = DurationHistogram.Of(minutes.Select(m => TimeSpan.FromMinutes(m)));

        // Rank 5 of 10 lies in the first bucket [0, 30): 5/6 of the way.
        DurationHistogram.Quantile(counts, 0.5)!.Value.ShouldBe(25, tolerance: 0.01);
        // Rank 9 is the third of three in [60, 120): its upper end.
        DurationHistogram.Quantile(counts, 0.9)!.Value.ShouldBe(120, tolerance: 0.01);
    }

    [Fact]
    public void DaysMergeByAddingCounts()
    {
        var monday = DurationHistogram.Of([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20)]);
        var tuesday = DurationHistogram.Of([TimeSpan.FromHours(30), TimeSpan.FromHours(30)]);

        var both = DurationHistogram.Merge(monday, tuesday);

        both.Sum().ShouldBe(4);
        // p90 of the four: rank 3.6 lies in the 1–1.5 day bucket where both 30 h tickets are.
        DurationHistogram.Quantile(both, 0.9)!.Value.ShouldBeInRange(1440, 2160);
        DurationHistogram.Quantile(monday, 0.9)!.Value.ShouldBeLessThan(30);
    }

    [Fact]
    public void NothingResolvedHasNoMedian() =>
        DurationHistogram.Quantile(DurationHistogram.Empty(), 0.5).ShouldBeNull();
}

public class DashboardsTicketJourney
{
    private static readonly DateTimeOffset Created = Cn("2026-11-23 09:00");

    private static (KpiJourney Journey, KpiTotals Totals) Run(params (S To, string At)[] moves)
    {
        var (journey, opened) = KpiJourney.Open(Created, new DateOnly(2026, 11, 23), 9);
        var totals = new KpiTotals().Add(opened.Totals);
        foreach (var (to, at) in moves)
            foreach (var d in journey.Move(to, Cn(at), SlaVerdict.Met)) totals.Add(d.Totals);
        return (journey, totals);
    }

    [Fact]
    public void MovesNoFigureCountsCanBeLeftOutWithoutChangingAnyFigure()
    {
        (S To, string At)[] moves =
        [
            (S.Assigned, "2026-11-23 09:05"), (S.Accepted, "2026-11-23 09:20"), (S.EnRoute, "2026-11-23 09:30"), (S.OnSite, "2026-11-23 10:00"),
            (S.InProgress, "2026-11-23 10:01"), (S.OnHold, "2026-11-23 10:30"), (S.InProgress, "2026-11-23 10:40"), (S.Resolved, "2026-11-23 11:00"),
            (S.Closed, "2026-11-23 12:00"), (S.Reopened, "2026-11-24 08:00"), (S.InProgress, "2026-11-24 09:00"), (S.Cancelled, "2026-11-24 10:00"),
        ];
        var counted = moves.Where((m, i) => KpiJourney.Counts(i == 0 ? S.New : moves[i - 1].To, m.To)).ToArray();

        counted.Length.ShouldBe(moves.Length - 5);
        Run(counted).Totals.Values.ShouldBe(Run(moves).Totals.Values);
        // Back from closed into work is a change of openness, so it counts even to a status no figure names.
        KpiJourney.Counts(S.Closed, S.InProgress).ShouldBeTrue();
        KpiJourney.Counts(S.Accepted, S.EnRoute).ShouldBeFalse();
    }

    [Fact]
    public void OneVisitAndNoReopenIsAFirstTimeFix()
    {
        var (_, t) = Run((S.Assigned, "2026-11-23 09:05"), (S.Accepted, "2026-11-23 09:20"), (S.EnRoute, "2026-11-23 09:30"),
            (S.OnSite, "2026-11-23 10:00"), (S.InProgress, "2026-11-23 10:01"), (S.Resolved, "2026-11-23 11:00"), (S.Closed, "2026-11-23 12:00"));

        t[KpiCounter.FixMeasured].ShouldBe(1);
        t[KpiCounter.FirstTimeFixed].ShouldBe(1);
        t[KpiCounter.FirstResponseMinutes].ShouldBe(20);
        t[KpiCounter.ArrivalMinutes].ShouldBe(60);
        t[KpiCounter.OpenDelta].ShouldBe(0);
        t.CreatedInHour(9).ShouldBe(1);
    }

    [Fact]
    public void AReopenAndASecondTripIsNotAFirstTimeFix()
    {
        var (_, reopened) = Run((S.Assigned, "2026-11-23 09:05"), (S.Accepted, "2026-11-23 09:20"), (S.EnRoute, "2026-11-23 09:30"),
            (S.OnSite, "2026-11-23 10:00"), (S.InProgress, "2026-11-23 10:01"), (S.Resolved, "2026-11-23 11:00"),
            (S.Reopened, "2026-11-24 08:00"), (S.Assigned, "2026-11-24 08:05"), (S.Accepted, "2026-11-24 08:10"),
            (S.EnRoute, "2026-11-24 08:20"), (S.OnSite, "2026-11-24 09:00"), (S.InProgress, "2026-11-24 09:01"),
            (S.Resolved, "2026-11-24 10:00"), (S.Closed, "2026-11-24 12:00"));
        reopened[KpiCounter.FixMeasured].ShouldBe(1);
        reopened[KpiCounter.FirstTimeFixed].ShouldBe(0);
    }

    [Fact]
    public void ReopenRateIsReopensOverResolutions()
    {
        var (journey, t) = Run((S.Assigned, "2026-11-23 09:05"), (S.Accepted, "2026-11-23 09:20"), (S.EnRoute, "2026-11-23 09:30"),
            (S.OnSite, "2026-11-23 10:00"), (S.InProgress, "2026-11-23 10:01"), (S.Resolved, "2026-11-23 11:00"),
            (S.Closed, "2026-11-23 12:00"), (S.Reopened, "2026-11-25 08:00"), (S.InProgress, "2026-11-25 09:00"),
            (S.Resolved, "2026-11-25 10:00"));

        t[KpiCounter.Resolved].ShouldBe(2);
        t[KpiCounter.Reopened].ShouldBe(1);
        KpiFigures.From(t, new Backlog(1, journey.CreatedDay), new DateOnly(2026, 11, 25)).ReopenPercent.ShouldBe(50);
        // Reopened from closed: open again, and counted once more in the backlog.
        t[KpiCounter.OpenDelta].ShouldBe(1);
        t[KpiCounter.ReachedResolved].ShouldBe(1);
    }

    [Fact]
    public void TheFunnelCountsOnTheCreationDay()
    {
        var (journey, _) = KpiJourney.Open(Created, new DateOnly(2026, 11, 23), 9);
        journey.Move(S.Assigned, Cn("2026-11-25 09:00"));

        var deltas = journey.Move(S.Accepted, Cn("2026-11-25 10:00"));

        deltas.Single(d => d.Totals[KpiCounter.ReachedAccepted] == 1).At.ShouldBe(Created);
        deltas.Single(d => d.Totals[KpiCounter.FirstResponseCount] == 1).At.ShouldBe(Cn("2026-11-25 10:00"));
    }

    [Fact]
    public void BacklogAgeIsTheMeanAgeOfOpenTickets()
    {
        var asOf = new DateOnly(2026, 11, 30);
        var backlog = new Backlog(2, asOf.AddDays(-2).DayNumber + asOf.AddDays(-6).DayNumber);

        backlog.MeanAgeDays(asOf).ShouldBe(4);
        new Backlog(0, 0).MeanAgeDays(asOf).ShouldBeNull();
    }
}

public class DashboardsSlaCompliance
{
    private static readonly SlaPolicy Policy = new()
    {
        Key = "test", Name = "测试", CalendarKey = SampleSla.Workdays, ResolutionMinutes = 240,
    };

    private static readonly DateTimeOffset Monday9 = Cn("2026-11-23 09:00");

    private static SlaVerdict Verdict(DateTimeOffset resolvedAt, params SlaStatusChange[] changes)
    {
        var clocks = SlaClocks.Compute(Policy, Office, Monday9, changes, resolvedAt);
        return SlaVerdicts.Judge(tracked: true, resolvedAt, clocks.Where(c => c.BreachedAt is not null).Min(c => c.BreachedAt));
    }

    [Fact]
    public void TimeOnHoldDoesNotCountAgainstTheSla()
    {
        // Wall clock 6 h (09:00–15:00) against a 4 h target, but 3 h of it on hold waiting for parts: 3 h counted.
        var verdict = Verdict(Cn("2026-11-23 15:00"),
            new SlaStatusChange(Cn("2026-11-23 10:00"), S.InProgress, S.OnHold),
            new SlaStatusChange(Cn("2026-11-23 13:00"), S.OnHold, S.InProgress),
            new SlaStatusChange(Cn("2026-11-23 15:00"), S.InProgress, S.Resolved));

        verdict.ShouldBe(SlaVerdict.Met);
    }

    [Fact]
    public void WorkingPastTheTargetBreaches()
    {
        var verdict = Verdict(Cn("2026-11-23 15:00"),
            new SlaStatusChange(Cn("2026-11-23 15:00"), S.InProgress, S.Resolved));

        verdict.ShouldBe(SlaVerdict.Breached);
    }

    [Fact]
    public void ComplianceLeavesUntrackedTicketsOut()
    {
        var t = new KpiTotals();
        foreach (var verdict in new[] { SlaVerdict.Met, SlaVerdict.Met, SlaVerdict.Breached, SlaVerdict.NotTracked })
        {
            var (journey, _) = KpiJourney.Open(Monday9, new DateOnly(2026, 11, 23), 9);
            foreach (var d in journey.Move(S.Resolved, Cn("2026-11-23 12:00"), verdict)) t.Add(d.Totals);
        }

        KpiFigures.From(t, new Backlog(0, 0), new DateOnly(2026, 11, 23)).SlaCompliancePercent!.Value.ShouldBe(200.0 / 3, tolerance: 0.001);
    }
}

public class DashboardsTiles
{
    [Fact]
    public void ATileComparesWithThePreviousPeriod()
    {
        var tile = new KpiTile("New", 120, 100);

        tile.Change.ShouldBe(20);
        tile.ChangePercent.ShouldBe(20);
        new KpiTile("Csat", null, 4.5).Change.ShouldBeNull();
        new KpiTile("New", 5, 0).ChangePercent.ShouldBeNull();
    }

    [Fact]
    public void MarginIsRevenueLessCost()
    {
        var t = new KpiTotals();
        t[KpiCounter.RevenueFen] = 50_000;
        t[KpiCounter.CostFen] = 32_000;

        KpiFigures.From(t, new Backlog(0, 0), new DateOnly(2026, 11, 23)).MarginFen.ShouldBe(18_000);
    }
}
