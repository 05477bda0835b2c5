using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Flows.FlowGraph;

namespace Scrm.Tests.Domain.Flows;

public sealed class FlowApprovals
{
    //  start → quote[section "discount"] → approve ─Approved→ granted(Notify) → end
    //                ↑                       │ ─Rejected→ refused(Notify) → end
    //                └──────── SentBack ─────┘
    //  approve levels: Dispatcher (always), Manager (≥ ¥1,000), Admin (≥ ¥5,000); time limit 60 min
    private static readonly FlowDefinition Discount = Flow(
        [
            Start(), SectionTask("quote", "discount"),
            Approval("approve", new ApprovalLevel("Dispatcher"), new ApprovalLevel("Manager", 100_000), new ApprovalLevel("Admin", 500_000))
                with { TimeLimitMinutes = 60 },
            Notice("granted", "Customer", "已批准"), Notice("refused", "Customer", "未批准"), End(),
        ],
        E("start", "quote"), E("quote", "approve"),
        On("approve", "granted", ApprovalOutcome.Approved), On("approve", "refused", ApprovalOutcome.Rejected),
        On("approve", "quote", ApprovalOutcome.SentBack),
        E("granted", "end"), E("refused", "end"));

    private static Instance AtApproval(long amountFen) =>
        Instance.Start(Discount, FlowFacts.Of(TicketStatus.New, amountFen)).Send(new SectionCompleted("discount"));

    private static Decision Approve(string role, string? comment = null) => new("approve", ApprovalOutcome.Approved, role, comment);

    [Theory]
    [InlineData(50_000, new[] { "Dispatcher" })]
    [InlineData(100_000, new[] { "Dispatcher", "Manager" })]
    [InlineData(499_999, new[] { "Dispatcher", "Manager" })]
    [InlineData(600_000, new[] { "Dispatcher", "Manager", "Admin" })]
    public void TheLevelsTheAmountReachesAreAskedInOrderAndTheLastApprovalFollowsTheApprovedEdge(long amountFen, string[] roles)
    {
        var run = AtApproval(amountFen);
        var asked = new List<string>();

        foreach (var role in roles)
        {
            var request = run.Effect<RequestApproval>().ShouldHaveSingleItem();
            asked.Add(request.Approver.Role);
            run.Waiting.ShouldBe(["approve"]);
            run.Send(Approve(role));
        }

        asked.ShouldBe(roles);
        run.Path.ShouldBe(["start", "quote", "approve", "granted", "end"]);
        run.State.Path.Single(p => p.NodeId == "approve").Outcome.ShouldBe("Approved");
        run.State.Finished.ShouldBeTrue();
    }

    [Fact]
    public void ARoleThatDoesNotHoldTheCurrentLevelIsRefused()
    {
        var run = AtApproval(200_000);

        var error = Should.Throw<DomainRuleException>(() => run.Send(Approve("Manager")));

        error.Code.ShouldBe("Flow.NotYourDecision");
        run.Send(Approve("Dispatcher"));
        Should.Throw<DomainRuleException>(() => run.Send(Approve("Dispatcher"))).Code.ShouldBe("Flow.NotYourDecision");
    }

    [Fact]
    public void ADecisionForANodeThatIsNotWaitingIsRefused()
    {
        var run = Instance.Start(Discount, FlowFacts.Of(TicketStatus.New, 10_000));

        Should.Throw<DomainRuleException>(() => run.Send(Approve("Dispatcher"))).Code.ShouldBe("Flow.NotWaiting");
        Should.Throw<DomainRuleException>(() => run.Send(new Decision("quote", ApprovalOutcome.Approved, "Agent", null)))
            .Code.ShouldBe("Flow.NotWaiting");
    }

    [Fact]
    public void ARejectionFollowsTheRejectedEdgeWithTheComment()
    {
        var run = AtApproval(200_000).Send(Approve("Dispatcher"));

        run.Send(new Decision("approve", ApprovalOutcome.Rejected, "Manager", "折扣过高"));

        run.Path.ShouldBe(["start", "quote", "approve", "refused", "end"]);
        var step = run.State.Path.Single(p => p.NodeId == "approve");
        (step.Outcome, step.Comment).ShouldBe(("Rejected", "折扣过高"));
        run.Effect<Notify>().ShouldBe([new Notify("refused", "Customer", "未批准")]);
    }

    [Fact]
    public void SendingBackReturnsToTheEarlierTaskAndTheApprovalStartsAgainFromTheFirstLevel()
    {
        var run = AtApproval(200_000).Send(Approve("Dispatcher"));

        run.Send(new Decision("approve", ApprovalOutcome.SentBack, "Manager", "请补充报价单"));

        run.Waiting.ShouldBe(["quote"]);
        run.State.Active.Single().Visit.ShouldBe(2);
        run.State.Path.Single(p => p.NodeId == "approve").Comment.ShouldBe("请补充报价单");
        run.Effect<CancelTimer>().ShouldBe([new CancelTimer("approve#1:TimeLimit")]);

        run.Send(new SectionCompleted("discount"));
        run.Effect<RequestApproval>().ShouldHaveSingleItem().Approver.Role.ShouldBe("Dispatcher");
        run.Effect<ScheduleTimer>().ShouldHaveSingleItem().TimerKey.ShouldBe("approve#2:TimeLimit");
        run.Send(Approve("Dispatcher")).Send(Approve("Manager"));

        run.Path.ShouldBe(["start", "quote", "approve", "quote", "approve", "granted", "end"]);
        run.State.Finished.ShouldBeTrue();
    }

    //  start → approve(levels all above the amount) ─Approved→ end
    [Fact]
    public void AnApprovalWithNoLevelForTheAmountPassesAsApproved()
    {
        var run = Instance.Start(Flow([Start(), Approval("approve", new ApprovalLevel("Admin", 500_000)), End(), End("no")],
            E("start", "approve"), On("approve", "end", ApprovalOutcome.Approved), On("approve", "no", ApprovalOutcome.Rejected)),
            FlowFacts.Of(TicketStatus.New, 10_000));

        run.Effect<RequestApproval>().ShouldBeEmpty();
        run.Path.ShouldBe(["start", "approve", "end"]);
    }

    [Theory]
    [InlineData(TicketStatus.Resolved, FlowEngine.ApprovalPending)]
    [InlineData(TicketStatus.Closed, FlowEngine.ApprovalPending)]
    [InlineData(TicketStatus.InProgress, null)]
    public void ThePendingApprovalBlocksResolvingAndClosing(TicketStatus to, string? reason)
    {
        var run = AtApproval(10_000);

        FlowEngine.Blocks(Discount, run.State, to).ShouldBe(reason);
    }

    [Fact]
    public void NothingBlocksOnceTheApprovalIsDecided()
    {
        var run = AtApproval(10_000).Send(Approve("Dispatcher"));

        FlowEngine.Blocks(Discount, run.State, TicketStatus.Closed).ShouldBeNull();
    }
}
