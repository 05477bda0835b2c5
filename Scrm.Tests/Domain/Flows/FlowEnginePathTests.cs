using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Forms;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Flows.FlowGraph;

namespace Scrm.Tests.Domain.Flows;

public sealed class FlowEnginePaths
{
    //  start → accept(Accepted) → fix(Resolved) → end
    private static readonly FlowDefinition Linear = Flow(
        [Start(), Task("accept", TicketStatus.Accepted), Task("fix", TicketStatus.Resolved), End()],
        E("start", "accept"), E("accept", "fix"), E("fix", "end"));

    [Fact]
    public void StartEntersTheFirstTaskAndAssignsIt()
    {
        var run = Instance.Start(Linear);

        run.Waiting.ShouldBe(["accept"]);
        run.Effects.ShouldBe(new FlowEffect[]
        {
            new NodeEntered("start", T0), new NodeLeft("start", T0, "Done"),
            new NodeEntered("accept", T0), new AssignTask("accept", AssigneeRule.TicketAssignee, null),
        });
        run.State.Path.ShouldBe([new PathStep("start", T0, T0, "Done"), new PathStep("accept", T0)]);
    }

    //  start → accept(Accepted) → fix(Resolved) → end
    [Fact]
    public void ALinearFlowWaitsAtEachTaskForItsStatusAndFinishesAtTheEnd()
    {
        var run = Instance.Start(Linear);

        run.Send(new StatusReached(TicketStatus.Accepted));
        run.Waiting.ShouldBe(["fix"]);
        run.State.Finished.ShouldBeFalse();

        run.Send(new StatusReached(TicketStatus.Resolved));
        run.Waiting.ShouldBeEmpty();
        run.State.Finished.ShouldBeTrue();
        run.Path.ShouldBe(["start", "accept", "fix", "end"]);
        run.Effects.ShouldContain(new FlowFinished(run.Now));
        run.State.Path.ShouldAllBe(p => p.LeftAt != null);
    }

    //  start → accept(Accepted) → fix(Resolved) → end
    [Fact]
    public void ALaterLifecycleStatusCompletesEveryTaskItPasses()
    {
        var run = Instance.Start(Linear);

        run.Send(new StatusReached(TicketStatus.Resolved));

        run.State.Finished.ShouldBeTrue();
        run.Path.ShouldBe(["start", "accept", "fix", "end"]);
    }

    [Theory]
    [InlineData(TicketStatus.Assigned)]
    [InlineData(TicketStatus.OnHold)]
    [InlineData(TicketStatus.Reopened)]
    public void AnEarlierOrOffLifecycleStatusLeavesTheTaskWaiting(TicketStatus status)
    {
        var run = Instance.Start(Linear);
        var before = run.State;

        run.Send(new StatusReached(status));

        run.State.ShouldBeSameAs(before);
        run.Effects.ShouldBeEmpty();
    }

    //  start → accept(Accepted) → fix(Resolved) → end, the ticket already accepted when the flow starts
    [Fact]
    public void ATaskWhoseStatusIsAlreadyReachedPassesWithoutBeingAssigned()
    {
        var run = Instance.Start(Linear, FlowFacts.Of(TicketStatus.Accepted));

        run.Waiting.ShouldBe(["fix"]);
        run.Effect<AssignTask>().ShouldBe([new AssignTask("fix", AssigneeRule.TicketAssignee, null)]);
    }

    //  start → accept(Accepted) → end; the app reports the status through FactsChanged
    [Fact]
    public void FactsChangedReChecksTheStatusTasksWaitFor()
    {
        var run = Instance.Start(Flow([Start(), Task("accept", TicketStatus.Accepted), End()], E("start", "accept"), E("accept", "end")));

        run.Facts = FlowFacts.Of(TicketStatus.Accepted);
        run.Send(new FactsChanged());

        run.State.Finished.ShouldBeTrue();
    }

    //  start → info[section "visit"] → end
    [Fact]
    public void ASectionTaskCompletesOnlyWithItsOwnSection()
    {
        var run = Instance.Start(Flow([Start(), SectionTask("info", "visit"), End()], E("start", "info"), E("info", "end")));
        run.Effect<AssignTask>().ShouldBe([new AssignTask("info", AssigneeRule.Role, "Agent")]);

        run.Send(new SectionCompleted("parts"));
        run.Waiting.ShouldBe(["info"]);

        run.Send(new SectionCompleted("visit"));
        run.State.Finished.ShouldBeTrue();
    }

    //            ┌─ amount > 3000 ──→ gold(Notify) ─┐
    //  start → route ─ priority = Urgent → rush ────┼→ end
    //            └─ default ────────→ plain ────────┘
    private static FlowDefinition Branches(bool withDefault)
    {
        var edges = new List<FlowEdge>
        {
            E("start", "route"),
            When("route", "gold", FlowFacts.Amount, ConditionOperator.GreaterThan, "3000"),
            When("route", "rush", FlowFacts.Priority, ConditionOperator.Equals, "Urgent"),
            E("gold", "end"), E("rush", "end"), E("plain", "end"),
        };
        if (withDefault) edges.Add(Default("route", "plain"));
        return Flow([Start(), Condition("route"), Notice("gold", "Manager", "金牌通道"), Notice("rush", "Dispatcher", "加急"),
            Notice("plain", "Dispatcher", "普通"), End()], edges.ToArray());
    }

    [Theory]
    [InlineData(500_000, TicketPriority.Urgent, "gold")]
    [InlineData(100_000, TicketPriority.Urgent, "rush")]
    [InlineData(100_000, TicketPriority.Normal, "plain")]
    [InlineData(90_000, TicketPriority.Low, "plain")]
    public void AConditionTakesTheFirstEdgeWhoseRuleHoldsElseTheDefault(long amountFen, TicketPriority priority, string taken)
    {
        var run = Instance.Start(Branches(withDefault: true), FlowFacts.Of(TicketStatus.New, amountFen, priority));

        run.Path.ShouldBe(["start", "route", taken, "end"]);
        run.State.Finished.ShouldBeTrue();
    }

    [Fact]
    public void AConditionWithNoEdgeThatHoldsAndNoDefaultIsRefused()
    {
        var error = Should.Throw<DomainRuleException>(() =>
            FlowEngine.Start(Branches(withDefault: false), FlowFacts.Of(TicketStatus.New, 1_000, TicketPriority.Low), T0));

        error.Code.ShouldBe("Flow.NoBranch");
    }

    //  start → note(Notify Customer) → end
    [Fact]
    public void ANotifyNodeTellsItsRecipientAndMovesOn()
    {
        var run = Instance.Start(Flow([Start(), Notice("note", "Customer", "已受理"), End()], E("start", "note"), E("note", "end")));

        run.Effect<Notify>().ShouldBe([new Notify("note", "Customer", "已受理")]);
        run.State.Finished.ShouldBeTrue();
    }

    //            ┌→ stock[section "stock"] ─┐
    //  start → split                       join → fix(Resolved) → end
    //            └→ book[section "book"] ───┘
    private static readonly FlowDefinition Parallel = Flow(
        [Start(), Split("split"), SectionTask("stock", "stock"), SectionTask("book", "book"), Join("join"),
            Task("fix", TicketStatus.Resolved), End()],
        E("start", "split"), E("split", "stock"), E("split", "book"), E("stock", "join"), E("book", "join"),
        E("join", "fix"), E("fix", "end"));

    [Fact]
    public void ASplitStartsEveryBranchAndTheJoinWaitsForAllOfThem()
    {
        var run = Instance.Start(Parallel);
        run.Waiting.ShouldBe(["stock", "book"]);

        run.Send(new SectionCompleted("book"));
        run.Waiting.ShouldBe(["stock"]);
        run.State.Arrivals.ShouldBe([new JoinArrival("join", "book>join")]);
        run.Path.ShouldNotContain("join");

        run.Send(new SectionCompleted("stock"));
        run.Waiting.ShouldBe(["fix"]);
        run.State.Arrivals.ShouldBeEmpty();
        run.Path.Count(p => p == "join").ShouldBe(1);
    }

    //            ┌→ a[section "a"] → endA
    //  start → split
    //            └→ b[section "b"] → endB
    [Fact]
    public void BranchesThatEndApartFinishTheFlowWhenTheLastOneEnds()
    {
        var run = Instance.Start(Flow(
            [Start(), Split("split"), SectionTask("a", "a"), SectionTask("b", "b"), End("endA"), End("endB")],
            E("start", "split"), E("split", "a"), E("split", "b"), E("a", "endA"), E("b", "endB")));

        run.Send(new SectionCompleted("a"));
        run.State.Finished.ShouldBeFalse();
        run.Effect<FlowFinished>().ShouldBeEmpty();

        run.Send(new SectionCompleted("b"));
        run.State.Finished.ShouldBeTrue();
        run.Effect<FlowFinished>().ShouldHaveSingleItem();
    }

    //  start → ping(Notify) → again(Condition) ─default→ ping …
    [Fact]
    public void ALoopWithNothingToWaitForIsStoppedInsteadOfSpinning()
    {
        var flow = Flow([Start(), Notice("ping", "Customer", "再次"), Condition("again"), End()],
            E("start", "ping"), E("ping", "again"), Default("again", "ping"));

        var error = Should.Throw<DomainRuleException>(() => FlowEngine.Start(flow, FlowFacts.Of(TicketStatus.New), T0));

        error.Code.ShouldBe("Flow.Runaway");
    }

    [Fact]
    public void AFinishedFlowIgnoresFurtherSignals()
    {
        var run = Instance.Start(Linear).Send(new StatusReached(TicketStatus.Closed));
        var finished = run.State;

        run.Send(new StatusReached(TicketStatus.Closed));

        run.State.ShouldBeSameAs(finished);
        run.Effects.ShouldBeEmpty();
    }

    [Fact]
    public void TheEngineIsDeterministic()
    {
        var facts = FlowFacts.Of(TicketStatus.New);
        var first = FlowEngine.Start(Parallel, facts, T0);
        var second = FlowEngine.Start(Parallel, facts, T0);

        DomainJson.Serialize(second.State).ShouldBe(DomainJson.Serialize(first.State));
        second.Effects.ShouldBe(first.Effects);
    }
}
