using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Sla.SlaTime;

namespace Scrm.Tests.Domain.Sla;

public class SlaEscalationDueTimes
{
    /// <summary>投诉: first response within 120 working minutes, the standard ladder on it.</summary>
    private static readonly SlaPolicy Complaint = SampleSla.Policies().Single(p => p.Key == "complaint");

    private static readonly DateTimeOffset Monday9 = Cn("2026-11-23 09:00");

    private static IReadOnlyList<SlaEscalationDue> Due(DateTimeOffset now, params SlaStatusChange[] changes) =>
        SlaClocks.Escalations(Complaint, SlaClocks.Compute(Complaint, Office, Monday9, changes, now), Office);

    [Fact]
    public void FallDueAtFiftySeventyFiveOneHundredAndTwoHundredPercentOfWorkingTime()
    {
        var due = Due(Cn("2026-11-23 10:15"));

        due.Select(d => (d.StepIndex, d.Step.Action, d.DueAt)).ShouldBe(
        [
            (0, EscalationAction.RemindAssignee, Cn("2026-11-23 10:00")),
            (1, EscalationAction.NotifySupervisor, Cn("2026-11-23 10:30")),
            (2, EscalationAction.ReassignToBackup, Cn("2026-11-23 11:00")),
            (3, EscalationAction.NotifyManager, Cn("2026-11-23 11:00")),
            // 240 working minutes: the lunch break does not count.
            (4, EscalationAction.VoiceCall, Cn("2026-11-23 14:00")),
        ]);
        due.ShouldAllBe(d => d.Metric == SlaMetric.FirstResponse);
    }

    [Fact]
    public void IncludeStepsAlreadyPassedSoThatTheAppFiresThemOnce() =>
        Due(Cn("2026-11-24 10:00")).Count.ShouldBe(5);

    [Fact]
    public void AppliesAStepOnlyToItsOwnMetric()
    {
        var policy = SampleSla.Policies().Single(p => p.Key == "standard") with
        {
            Ladder = [new(50, EscalationAction.RemindAssignee, SlaMetric.Resolution)],
        };

        var due = SlaClocks.Escalations(policy, SlaClocks.Compute(policy, Office, Monday9, [], Monday9), Office);

        due.ShouldHaveSingleItem().Metric.ShouldBe(SlaMetric.Resolution);
        due[0].DueAt.ShouldBe(Office.AddWorkingTime(Monday9, TimeSpan.FromHours(36)));
    }

    [Fact]
    public void NoneForAStoppedClock() =>
        Due(Cn("2026-11-23 15:00"), new SlaStatusChange(Cn("2026-11-23 10:45"), TicketStatus.Assigned, TicketStatus.Accepted)).ShouldBeEmpty();

    [Fact]
    public void APausedClockKeepsOnlyTheStepsItPassedWhileRunning()
    {
        var policy = SampleSla.Policies().Single(p => p.Key == "standard");
        SlaStatusChange[] held =
        [
            new(Cn("2026-11-23 09:00"), TicketStatus.New, TicketStatus.InProgress),
            new(Cn("2026-11-24 09:00"), TicketStatus.InProgress, TicketStatus.OnHold),
        ];

        var clocks = SlaClocks.Compute(policy, Office, Monday9, held, Cn("2026-11-25 09:00"));
        var due = SlaClocks.Escalations(policy, clocks, Office).Where(d => d.Metric == SlaMetric.Resolution).ToList();

        // 8 of 72 working hours ran before the hold: no rung of the ladder reached yet.
        due.ShouldBeEmpty();
        var quick = policy with { ResolutionMinutes = 600 };
        var quickDue = SlaClocks.Escalations(quick, SlaClocks.Compute(quick, Office, Monday9, held, Cn("2026-11-25 09:00")), Office)
            .Where(d => d.Metric == SlaMetric.Resolution).ToList();
        quickDue.Select(d => d.DueAt).ShouldBe([Cn("2026-11-23 15:00"), Cn("2026-11-23 17:30")]);
    }
}
