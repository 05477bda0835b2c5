using Scrm.Domain.Common;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Sla.SlaTime;
using S = Scrm.Domain.Tickets.TicketStatus;

namespace Scrm.Tests.Domain.Sla;

public class SlaClockComputation
{
    private static readonly SlaPolicy Policy = new()
    {
        Key = "test", Name = "测试", CalendarKey = SampleSla.Workdays,
        FirstResponseMinutes = 120, ArrivalMinutes = 240, ResolutionMinutes = 480,
    };

    private static readonly DateTimeOffset Monday9 = Cn("2026-11-23 09:00");

    private static SlaClock Clock(SlaMetric metric, DateTimeOffset now, params SlaStatusChange[] changes) =>
        Clock(metric, Policy, Office, Monday9, now, changes);

    private static SlaClock Clock(SlaMetric metric, SlaPolicy policy, BusinessCalendar calendar, DateTimeOffset createdAt,
        DateTimeOffset now, params SlaStatusChange[] changes) =>
        SlaClocks.Compute(policy, calendar, createdAt, changes, now).Single(c => c.Metric == metric);

    private static SlaStatusChange Move(string at, S from, S to) => new(Cn(at), from, to);

    /// <summary>Accepted, on the way and on site by 10:05, then on hold from 11:00 to 15:00 waiting for parts.</summary>
    private static readonly SlaStatusChange[] WaitingForParts =
    [
        Move("2026-11-23 09:10", S.Assigned, S.Accepted),
        Move("2026-11-23 09:20", S.Accepted, S.EnRoute),
        Move("2026-11-23 10:00", S.EnRoute, S.OnSite),
        Move("2026-11-23 10:05", S.OnSite, S.InProgress),
        Move("2026-11-23 11:00", S.InProgress, S.OnHold),
        Move("2026-11-23 15:00", S.OnHold, S.InProgress),
    ];

    [Fact]
    public void ReachesSeveralAmountsAtOnceInTheOrderAskedAcrossAPause()
    {
        // Ran 09:00–11:00 (2 h), paused, running again since 15:00.
        var clock = new SlaClock(SlaMetric.Resolution, 600, Monday9, null, TimeSpan.Zero, TimeSpan.Zero, null, null,
            SlaClockState.Running, 0, [new(Monday9, Cn("2026-11-23 11:00")), new(Cn("2026-11-23 15:00"), null)]);

        clock.Reaches([TimeSpan.FromHours(3), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.Zero, TimeSpan.FromHours(2), TimeSpan.FromHours(10)], Office)
            .ShouldBe([Cn("2026-11-23 16:00"), Cn("2026-11-23 09:30"), Cn("2026-11-23 11:00"), Monday9, Cn("2026-11-23 11:00"), Cn("2026-11-24 15:00")]);
        clock.Reaches(TimeSpan.FromHours(10), Office).ShouldBe(Cn("2026-11-24 15:00"));
    }

    [Fact]
    public void ReachesNothingPastWhatAStoppedClockCounted()
    {
        var clock = new SlaClock(SlaMetric.Resolution, 600, Monday9, Cn("2026-11-23 11:00"), TimeSpan.FromHours(2), TimeSpan.Zero, null, null,
            SlaClockState.Met, 20, [new(Monday9, Cn("2026-11-23 11:00"))]);

        clock.Reaches([TimeSpan.FromHours(3), TimeSpan.FromHours(1)], Office).ShouldBe([null, Cn("2026-11-23 10:00")]);
    }

    [Fact]
    public void RunsFromTheTicketsCreation()
    {
        var clock = Clock(SlaMetric.FirstResponse, Cn("2026-11-23 10:00"));

        clock.State.ShouldBe(SlaClockState.Running);
        clock.StartedAt.ShouldBe(Monday9);
        clock.Elapsed.ShouldBe(TimeSpan.FromHours(1));
        clock.PercentUsed.ShouldBe(50);
        clock.DueAt.ShouldBe(Cn("2026-11-23 11:00"));
        clock.BreachedAt.ShouldBeNull();
        clock.StoppedAt.ShouldBeNull();
    }

    [Fact]
    public void MeasuresOnlyTheMetricsThePolicyHasTargetsFor() =>
        SlaClocks.Compute(Policy with { ArrivalMinutes = null }, Office, Monday9, [], Monday9)
            .Select(c => c.Metric).ShouldBe([SlaMetric.FirstResponse, SlaMetric.Resolution]);

    [Fact]
    public void FirstResponseIsMetWhenTheTechnicianAccepts()
    {
        var clock = Clock(SlaMetric.FirstResponse, Cn("2026-11-24 10:00"), Move("2026-11-23 10:30", S.Assigned, S.Accepted));

        clock.State.ShouldBe(SlaClockState.Met);
        clock.StoppedAt.ShouldBe(Cn("2026-11-23 10:30"));
        clock.Elapsed.ShouldBe(TimeSpan.FromMinutes(90));
        clock.DueAt.ShouldBeNull();
    }

    [Fact]
    public void ArrivalStopsAtTheFirstOnSite()
    {
        var clock = Clock(SlaMetric.Arrival, Cn("2026-11-24 10:00"), WaitingForParts);

        clock.State.ShouldBe(SlaClockState.Met);
        clock.StoppedAt.ShouldBe(Cn("2026-11-23 10:00"));
        clock.Elapsed.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void BackDatesTheBreachToTheExactInstantItCrossedTheTarget()
    {
        var createdAt = Cn("2026-11-23 11:00");

        var running = Clock(SlaMetric.FirstResponse, Policy, Office, createdAt, Cn("2026-11-24 10:00"));
        running.State.ShouldBe(SlaClockState.Breached);
        running.BreachedAt.ShouldBe(Cn("2026-11-23 14:00"));
        running.Elapsed.ShouldBe(TimeSpan.FromHours(7));
        running.PercentUsed.ShouldBe(350);

        var late = Clock(SlaMetric.FirstResponse, Policy, Office, createdAt, Cn("2026-11-25 10:00"), Move("2026-11-23 16:00", S.Assigned, S.Accepted));
        late.State.ShouldBe(SlaClockState.Breached);
        late.BreachedAt.ShouldBe(Cn("2026-11-23 14:00"));
        late.StoppedAt.ShouldBe(Cn("2026-11-23 16:00"));
    }

    [Fact]
    public void StoppingExactlyAtTheTargetMeetsIt() =>
        Clock(SlaMetric.FirstResponse, Cn("2026-11-24 10:00"), Move("2026-11-23 11:00", S.Assigned, S.Accepted))
            .State.ShouldBe(SlaClockState.Met);

    [Fact]
    public void PausesWhileOnHoldWithoutADueTime()
    {
        var clock = Clock(SlaMetric.Resolution, Cn("2026-11-23 14:00"), WaitingForParts[..5]);

        clock.State.ShouldBe(SlaClockState.Paused);
        clock.DueAt.ShouldBeNull();
        clock.Elapsed.ShouldBe(TimeSpan.FromHours(2));
        clock.Paused.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void MovesTheDueTimeByTheWorkingTimeSpentOnHold()
    {
        var clock = Clock(SlaMetric.Resolution, Cn("2026-11-23 16:00"), WaitingForParts);

        clock.State.ShouldBe(SlaClockState.Running);
        clock.Paused.ShouldBe(TimeSpan.FromHours(3));
        clock.Elapsed.ShouldBe(TimeSpan.FromHours(3));
        // Without the hold it would have been due on Monday at 18:00; three working hours later is Tuesday noon.
        clock.DueAt.ShouldBe(Cn("2026-11-24 12:00"));
    }

    [Fact]
    public void KeepsThePausedTimeWhenRecomputedWithAnotherPolicy()
    {
        var now = Cn("2026-11-23 16:00");
        var gold = Policy with { Key = "gold", FirstResponseMinutes = 30, ResolutionMinutes = 960 };

        var before = Clock(SlaMetric.Resolution, Policy, Office, Monday9, now, WaitingForParts);
        var after = Clock(SlaMetric.Resolution, gold, Office, Monday9, now, WaitingForParts);

        after.Paused.ShouldBe(before.Paused);
        after.Elapsed.ShouldBe(before.Elapsed);
        after.DueAt.ShouldBe(Cn("2026-11-25 12:00"));
    }

    [Fact]
    public void AHolidayAddedAfterwardsMovesTheBreach()
    {
        var withoutHoliday = Office with { Holidays = [] };
        var withHoliday = Office with { Holidays = [new(2027, 1, 1)] };
        var policy = Policy with { ResolutionMinutes = 960 };
        var (createdAt, now) = (Cn("2026-12-31 09:00"), Cn("2027-01-04 10:00"));

        var breached = Clock(SlaMetric.Resolution, policy, withoutHoliday, createdAt, now);
        breached.BreachedAt.ShouldBe(Cn("2027-01-01 18:00"));

        var repaired = Clock(SlaMetric.Resolution, policy, withHoliday, createdAt, now);
        repaired.State.ShouldBe(SlaClockState.Running);
        repaired.BreachedAt.ShouldBeNull();
        repaired.DueAt.ShouldBe(Cn("2027-01-04 18:00"));
    }

    [Fact]
    public void StartsAtTheTicketsCreationEvenWhenThePolicyCameLater()
    {
        // The policy was introduced at noon; the ticket had been created and accepted in the morning.
        var clocks = SlaClocks.Compute(Policy, Office, Monday9, [Move("2026-11-23 09:30", S.Assigned, S.Accepted)], Cn("2026-11-23 14:00"));

        var response = clocks.Single(c => c.Metric == SlaMetric.FirstResponse);
        response.State.ShouldBe(SlaClockState.Met);
        response.StoppedAt.ShouldBe(Cn("2026-11-23 09:30"));
        var resolution = clocks.Single(c => c.Metric == SlaMetric.Resolution);
        resolution.StartedAt.ShouldBe(Monday9);
        resolution.Elapsed.ShouldBe(TimeSpan.FromHours(4));
    }

    [Fact]
    public void ReopeningResumesResolutionWithoutCountingTheTimeItWasResolved()
    {
        SlaStatusChange[] changes =
        [
            Move("2026-11-23 09:00", S.New, S.InProgress),
            Move("2026-11-23 11:00", S.InProgress, S.Resolved),
            Move("2026-11-23 12:00", S.Resolved, S.Closed),
            Move("2026-11-24 10:00", S.Closed, S.Reopened),
            Move("2026-11-24 10:30", S.Reopened, S.InProgress),
        ];

        var resolved = Clock(SlaMetric.Resolution, Cn("2026-11-23 15:00"), changes);
        resolved.State.ShouldBe(SlaClockState.Met);
        resolved.StoppedAt.ShouldBe(Cn("2026-11-23 11:00"));

        var reopened = Clock(SlaMetric.Resolution, Cn("2026-11-24 11:00"), changes);
        reopened.State.ShouldBe(SlaClockState.Running);
        reopened.StoppedAt.ShouldBeNull();
        reopened.Elapsed.ShouldBe(TimeSpan.FromHours(3));
        reopened.DueAt.ShouldBe(Cn("2026-11-24 17:00"));
    }

    [Fact]
    public void CancellingStopsEveryClockWithoutABreach()
    {
        var clocks = SlaClocks.Compute(Policy, Office, Monday9, [Move("2026-11-23 10:00", S.New, S.Cancelled)], Cn("2026-11-30 10:00"));

        clocks.ShouldAllBe(c => c.State == SlaClockState.Cancelled && c.StoppedAt == Cn("2026-11-23 10:00") && c.BreachedAt == null);
    }

    [Fact]
    public void CancellingAfterABreachKeepsTheBreach() =>
        Clock(SlaMetric.FirstResponse, Cn("2026-11-30 10:00"), Move("2026-11-23 14:00", S.New, S.Cancelled))
            .State.ShouldBe(SlaClockState.Breached);

    [Fact]
    public void IgnoresChangesAfterNow() =>
        Clock(SlaMetric.FirstResponse, Cn("2026-11-23 10:00"), Move("2026-11-23 10:30", S.Assigned, S.Accepted))
            .State.ShouldBe(SlaClockState.Running);

    [Fact]
    public void ReadsTheStatusChangesFromTheTicketsTimeline()
    {
        var ticket = Ticket.Open(SampleTickets.Draft(), "GD-20261123-0001", Actor.System, Monday9);
        ticket.AssignTo(SampleTickets.Li, Actor.System, Cn("2026-11-23 09:05"));
        ticket.TransitionTo(S.Accepted, Actor.System, Cn("2026-11-23 09:40"));
        ticket.Comment("马上出发", Actor.System, Cn("2026-11-23 09:41"));

        SlaStatusChange.FromTimeline(ticket.Events).ShouldBe(
        [
            new(Cn("2026-11-23 09:05"), S.New, S.Assigned),
            new(Cn("2026-11-23 09:40"), S.Assigned, S.Accepted),
        ]);
    }
}
