using Scrm.App.Features.Flows.Sandbox;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Flows.TestFlows;

namespace Scrm.Tests.Flows;

/// <summary>The sandbox's run: what it offers per active node, its log, its path, its refusals and its reset.</summary>
public sealed class FlowSandboxRun
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private static FlowSandbox Sandbox(FlowDefinition flow, long amountFen = 0) =>
        new(flow, FlowFacts.Of(TicketStatus.New, amountFen, TicketPriority.Normal, TicketType.Repair, "华东", "上海"), Monday);

    // 开始 → 派单 → 接单(30 分钟) → 上门到场 → 维修 → 客户确认 → 结算(settlement) → 关闭
    [Fact]
    public void TheRepairFlowRunsToItsEndStepByStepWithTheOfferedSignals()
    {
        var run = Sandbox(SampleFlows.Repair());

        run.Start();
        run.ActiveNodes.ShouldBe(["dispatch"]);
        foreach (var (node, status) in new[] { ("dispatch", TicketStatus.Assigned), ("accept", TicketStatus.Accepted), ("onsite", TicketStatus.OnSite), ("repair", TicketStatus.Resolved), ("confirm", TicketStatus.Closed) })
        {
            var offer = run.Offers().Single(o => o.Kind == SandboxOfferKind.StatusReached);
            (offer.NodeId, offer.Signal).ShouldBe((node, new StatusReached(status)));
            run.Apply(offer.Signal);
        }
        var settle = run.Offers().ShouldHaveSingleItem();
        (settle.Kind, settle.Signal).ShouldBe((SandboxOfferKind.SectionCompleted, new SectionCompleted("settlement")));
        run.Apply(settle.Signal);

        run.Finished.ShouldBeTrue();
        run.Offers().ShouldBeEmpty();
        run.Steps.Count.ShouldBe(7);
        run.Steps[^1].Effects.ShouldContain(new FlowFinished(Monday));
        run.VisitedNodes.Count.ShouldBe(8);
        run.TraversedEdges.Count.ShouldBe(7);
    }

    [Fact]
    public void ATimeLimitIsOfferedAsATimerAndFiringItMovesTheSandboxClockAndEscalates()
    {
        var run = Sandbox(SampleFlows.Repair());
        run.Start();
        run.Apply(new StatusReached(TicketStatus.Assigned));

        var timer = run.Offers().Single(o => o.Kind == SandboxOfferKind.TimerDue);
        timer.NodeId.ShouldBe("accept");
        timer.DueAt.ShouldBe(Monday.AddMinutes(30));
        var step = run.Apply(timer.Signal);

        step.Effects.ShouldBe([new Escalate("accept", FlowEngine.TimeLimitExceeded)]);
        run.Now.ShouldBe(Monday.AddMinutes(30));
        run.PendingTimers.ShouldBeEmpty();
        run.ActiveNodes.ShouldBe(["accept"]);
    }

    [Fact]
    public void LeavingANodeWithATimeLimitCancelsItsTimerOffer()
    {
        var run = Sandbox(SampleFlows.Repair());
        run.Start();
        run.Apply(new StatusReached(TicketStatus.Assigned));
        run.PendingTimers.ShouldHaveSingleItem();

        run.Apply(new StatusReached(TicketStatus.Accepted));

        run.PendingTimers.ShouldBeEmpty();
        run.Offers().ShouldNotContain(o => o.Kind == SandboxOfferKind.TimerDue);
    }

    [Fact]
    public void AnApprovalOffersItsLevelsRoleWithApproveRejectAndSendBackWhereAnEdgeLeadsBack()
    {
        var run = Sandbox(SampleFlows.DiscountApproval(), amountFen: 200_000);
        run.Start();
        run.Apply(new SectionCompleted("discount"));

        var decisions = run.Offers().Where(o => o.Kind == SandboxOfferKind.Decision).Select(o => (Decision)o.Signal).ToList();
        decisions.Select(d => d.Outcome).ShouldBe([ApprovalOutcome.Approved, ApprovalOutcome.Rejected, ApprovalOutcome.SentBack]);
        decisions.ShouldAllBe(d => d.ActorRole == "Dispatcher" && d.NodeId == "approve");
    }

    [Fact]
    public void ADecisionByTheWrongRoleIsLoggedAsTheEnginesRefusalAndChangesNothing()
    {
        var run = Sandbox(SampleFlows.DiscountApproval());
        run.Start();
        run.Apply(new SectionCompleted("discount"));
        var before = run.State;

        var step = run.Apply(new Decision("approve", ApprovalOutcome.Approved, "Finance", "越级审批"));

        step.Refused.ShouldBeTrue();
        step.Refusal!.Code.ShouldBe("Flow.NotYourDecision");
        step.Effects.ShouldBeEmpty();
        run.State.ShouldBeSameAs(before);
        run.Steps[^1].ShouldBeSameAs(step);
    }

    // 开始 → 投诉: 通知 → 处理(120 分钟) → 重要客户？ (金卡及以上 → 回访 → 结束 / 其他 → 结束)
    [Fact]
    public void OnlyTheConditionsTakenBranchIsDrawnAsTraversed()
    {
        var run = new FlowSandbox(SampleFlows.Complaint(),
            FlowFacts.Of(TicketStatus.New, tier: Scrm.Domain.Customers.CustomerTier.Gold), Monday);
        run.Start();

        run.Apply(new StatusReached(TicketStatus.Resolved));

        run.ActiveNodes.ShouldBe(["callback"]);
        run.TraversedEdges.ShouldBe(["e1", "e2", "e3", "e4"], ignoreOrder: true);
    }

    [Fact]
    public void AChildTicketPipelineOffersTheClosingOfItsCurrentStep()
    {
        var run = Sandbox(SampleFlows.Installation());
        run.Start();
        run.Apply(new SectionCompleted("stock"));
        run.Apply(new SectionCompleted("appointment"));

        var child = run.Offers().ShouldHaveSingleItem();
        (child.Kind, child.Signal, child.Detail).ShouldBe((SandboxOfferKind.ChildClosed, new ChildClosed("pipeline", 0), "电路检查"));
        run.Apply(child.Signal);
        run.Offers().ShouldHaveSingleItem().Detail.ShouldBe("管道清洗");
    }

    [Fact]
    public void ChangedFactsAreReEvaluatedAtOnce()
    {
        var run = Sandbox(Simple());
        run.Start();

        var step = run.ChangeFacts(run.Facts with { Status = TicketStatus.Closed });

        step!.Signal.ShouldBe(new FactsChanged());
        run.Finished.ShouldBeTrue();
    }

    [Fact]
    public void ResetForgetsTheRunItsTimersAndItsPath()
    {
        var run = Sandbox(SampleFlows.Repair());
        run.Start();
        run.Apply(new StatusReached(TicketStatus.Assigned));
        run.Apply(run.Offers().Single(o => o.Kind == SandboxOfferKind.TimerDue).Signal);

        run.Reset();

        (run.Started, run.Steps.Count, run.Now).ShouldBe((false, 0, Monday));
        run.PendingTimers.ShouldBeEmpty();
        run.TraversedEdges.ShouldBeEmpty();
        run.VisitedNodes.ShouldBeEmpty();
        run.Offers().ShouldBeEmpty();
        run.Start();
        run.ActiveNodes.ShouldBe(["dispatch"]);
    }

    [Fact]
    public void AFlowWithoutStartCannotRunButOtherProblemsDoNotStopIt()
    {
        Sandbox(WithoutEnd()).CanStart.ShouldBeTrue();
        Sandbox(Simple() with { Nodes = Simple().Nodes.Where(n => n.Kind != FlowNodeKind.Start).ToList() }).CanStart.ShouldBeFalse();
    }

    [Fact]
    public void AStoredStateStartsTheRunWhereTheTicketStandsWithItsPathDrawn()
    {
        var flow = SampleFlows.Repair();
        var facts = FlowFacts.Of(TicketStatus.Assigned);
        var stored = FlowEngine.Apply(flow, FlowEngine.Start(flow, facts, Monday).State, new StatusReached(TicketStatus.Assigned), facts, Monday).State;
        var run = new FlowSandbox(flow, facts, Monday.AddDays(1));

        run.StartFrom(stored);

        run.ActiveNodes.ShouldBe(["accept"]);
        run.TraversedEdges.ShouldBe(["start-dispatch", "dispatch-accept"], ignoreOrder: true);
    }

    [Fact]
    public void SampleFormValuesAreReadOneKeyEqualsValueALine()
    {
        SampleTicket.FormValues("fault = 漏水\nnot a value\n\namount=1200").ShouldBe(
            new Dictionary<string, string?> { ["fault"] = "漏水", ["amount"] = "1200" });
    }
}
