using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Flows.FlowGraph;

namespace Scrm.Tests.Domain.Flows;

public sealed class FlowTimers
{
    //  start → cool(Timer 30 min) → end
    [Fact]
    public void ATimerNodeSchedulesItsWaitAndMovesOnWhenItIsDue()
    {
        var run = Instance.Start(Flow([Start(), Timer("cool", 30), End()], E("start", "cool"), E("cool", "end")));

        run.Effect<ScheduleTimer>().ShouldBe([new ScheduleTimer("cool#1:Wait", "cool", T0.AddMinutes(30), TimerPurpose.Wait)]);
        run.Waiting.ShouldBe(["cool"]);

        run.Send(new TimerDue("cool#1:Wait"), minutesLater: 30);

        run.State.Finished.ShouldBeTrue();
        run.State.Path.Single(p => p.NodeId == "cool").Outcome.ShouldBe("TimerDue");
    }

    //  start → handle(Resolved, limit 120 min) → end
    private static readonly FlowDefinition Limited = Flow(
        [Start(), Task("handle", TicketStatus.Resolved, limit: 120), End()], E("start", "handle"), E("handle", "end"));

    [Fact]
    public void ATimeLimitEscalatesOnceAndTheTaskKeepsWaiting()
    {
        var run = Instance.Start(Limited);
        run.Effect<ScheduleTimer>().ShouldBe([new ScheduleTimer("handle#1:TimeLimit", "handle", T0.AddMinutes(120), TimerPurpose.TimeLimit)]);

        run.Send(new TimerDue("handle#1:TimeLimit"), minutesLater: 120);
        run.Effects.ShouldBe(new FlowEffect[] { new Escalate("handle", FlowEngine.TimeLimitExceeded) });
        run.Waiting.ShouldBe(["handle"]);
        run.State.Active.Single().Escalated.ShouldBeTrue();

        var escalated = run.State;
        run.Send(new TimerDue("handle#1:TimeLimit"));
        run.State.ShouldBeSameAs(escalated);

        run.Send(new StatusReached(TicketStatus.Resolved));
        run.State.Finished.ShouldBeTrue();
        run.Effect<CancelTimer>().ShouldBeEmpty();
    }

    [Fact]
    public void FinishingATaskInTimeCancelsItsTimeLimit()
    {
        var run = Instance.Start(Limited).Send(new StatusReached(TicketStatus.Resolved));

        run.Effect<CancelTimer>().ShouldBe([new CancelTimer("handle#1:TimeLimit")]);
    }

    [Fact]
    public void ATimerForANodeAlreadyLeftChangesNothing()
    {
        var run = Instance.Start(Limited).Send(new StatusReached(TicketStatus.Resolved));
        var done = run.State;

        run.Send(new TimerDue("handle#1:TimeLimit"));

        run.State.ShouldBeSameAs(done);
        run.Effects.ShouldBeEmpty();
    }

    //  start → fix(Resolved, limit 60) → check ─SentBack→ fix (visit 2)
    //                                         ─Approved→ end, ─Rejected→ end
    [Fact]
    public void ATimerFromAnEarlierVisitOfTheNodeIsStale()
    {
        var flow = Flow([Start(), Task("fix", TicketStatus.Resolved, limit: 60), Approval("check", new ApprovalLevel("Manager")), End()],
            E("start", "fix"), E("fix", "check"), On("check", "end", ApprovalOutcome.Approved),
            On("check", "end", ApprovalOutcome.Rejected) with { Id = "check>end:rejected" }, On("check", "fix", ApprovalOutcome.SentBack));
        var run = Instance.Start(flow).Send(new StatusReached(TicketStatus.Resolved));
        run.Facts = FlowFacts.Of(TicketStatus.Reopened);
        run.Send(new Decision("check", ApprovalOutcome.SentBack, "Manager", "返工"));
        run.Effect<ScheduleTimer>().ShouldHaveSingleItem().TimerKey.ShouldBe("fix#2:TimeLimit");
        var revisited = run.State;

        run.Send(new TimerDue("fix#1:TimeLimit"));
        run.State.ShouldBeSameAs(revisited);

        run.Send(new TimerDue("fix#2:TimeLimit"));
        run.Effect<Escalate>().ShouldHaveSingleItem();
    }
}
