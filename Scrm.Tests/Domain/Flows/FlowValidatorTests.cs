using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using static Scrm.Domain.Flows.FlowProblemCodes;
using static Scrm.Tests.Domain.Flows.FlowGraph;

namespace Scrm.Tests.Domain.Flows;

public sealed class FlowValidation
{
    private static IReadOnlyList<FlowProblem> Check(IEnumerable<FlowNode> nodes, params FlowEdge[] edges) =>
        FlowValidator.Validate(Flow(nodes, edges));

    private static FlowProblem Only(IReadOnlyList<FlowProblem> problems, string code) =>
        problems.Where(p => p.Code == code).ShouldHaveSingleItem();

    //  start → fix(Resolved) → end
    [Fact]
    public void ASoundFlowHasNoProblems() =>
        Check([Start(), Task("fix", TicketStatus.Resolved), End()], E("start", "fix"), E("fix", "end")).ShouldBeEmpty();

    //  fix(Resolved) → end
    [Fact]
    public void AFlowNeedsAStart() =>
        Check([Task("fix", TicketStatus.Resolved), End()], E("fix", "end")).Select(p => p.Code).ShouldContain(NoStart);

    //  start → end, again → end
    [Fact]
    public void AFlowHasOnlyOneStart() =>
        Only(Check([Start(), Start("again"), End()], E("start", "end"), E("again", "end")), TooManyStarts).NodeId.ShouldBe("again");

    //  start → fix(Resolved)
    [Fact]
    public void AFlowNeedsAnEnd() =>
        Check([Start(), Task("fix", TicketStatus.Resolved)], E("start", "fix")).Select(p => p.Code).ShouldContain(NoEnd);

    [Fact]
    public void IdsAreUnique()
    {
        var problems = Check([Start(), End(), End()], E("start", "end"), E("start", "end"));

        Only(problems, DuplicateNodeId).NodeId.ShouldBe("end");
        Only(problems, DuplicateEdgeId).EdgeId.ShouldBe("start>end");
    }

    //  start → end, start → ghost
    [Fact]
    public void AnEdgeToAnUnknownNodeIsReportedOnTheEdge() =>
        Only(Check([Start(), End()], E("start", "end"), E("end", "ghost")), EdgeToUnknownNode).EdgeId.ShouldBe("end>ghost");

    //  start → end;  island(Resolved) → end
    [Fact]
    public void ANodeNoPathReachesIsUnreachable() =>
        Only(Check([Start(), Task("island", TicketStatus.Resolved), End()], E("start", "end"), E("island", "end")), Unreachable)
            .NodeId.ShouldBe("island");

    //  start → fix(Resolved)   end
    [Fact]
    public void ANodeOtherThanEndNeedsAWayOut()
    {
        var problems = Check([Start(), Task("fix", TicketStatus.Resolved), End()], E("start", "fix"));

        Only(problems, NoWayOut).NodeId.ShouldBe("fix");
    }

    //  start → fix(Resolved) → end, fix → other end
    [Fact]
    public void ATaskHasOneWayOut() =>
        Only(Check([Start(), Task("fix", TicketStatus.Resolved), End(), End("other")], E("start", "fix"), E("fix", "end"), E("fix", "other")),
            SeveralWaysOut).NodeId.ShouldBe("fix");

    //  start → route ─amount > 100→ a[section a] → join → end
    //               └─default────→ b[section b] ──┘
    [Fact]
    public void AJoinAfterExclusiveBranchesHasNoMatchingSplit()
    {
        var problems = Check(
            [Start(), Condition("route"), SectionTask("a", "a"), SectionTask("b", "b"), Join("join"), End()],
            E("start", "route"), When("route", "a", FlowFacts.Amount, Scrm.Domain.Forms.ConditionOperator.GreaterThan, "100"),
            Default("route", "b"), E("a", "join"), E("b", "join"), E("join", "end"));

        Only(problems, JoinWithoutSplit).NodeId.ShouldBe("join");
    }

    //  start → split → a[section a] → join → end
    //                └→ b[section b] ──┘
    [Fact]
    public void AJoinAfterASplitIsSound() =>
        Check([Start(), Split("split"), SectionTask("a", "a"), SectionTask("b", "b"), Join("join"), End()],
            E("start", "split"), E("split", "a"), E("split", "b"), E("a", "join"), E("b", "join"), E("join", "end")).ShouldBeEmpty();

    //  start → split → a[section a] → endA
    //                └→ b[section b] → endB
    [Fact]
    public void BranchesOfASplitMayEndApart() =>
        Check([Start(), Split("split"), SectionTask("a", "a"), SectionTask("b", "b"), End("endA"), End("endB")],
            E("start", "split"), E("split", "a"), E("split", "b"), E("a", "endA"), E("b", "endB")).ShouldBeEmpty();

    //  start → ping(Notify) → again(Condition) ─default→ ping;  again ─amount > 0→ end
    [Fact]
    public void ALoopThroughNodesThatDoNotWaitIsReportedOnEachOfThem()
    {
        var problems = Check([Start(), Notice("ping", "Customer", "再次"), Condition("again"), End()],
            E("start", "ping"), E("ping", "again"), Default("again", "ping"),
            When("again", "end", FlowFacts.Amount, Scrm.Domain.Forms.ConditionOperator.GreaterThan, "0"));

        problems.Where(p => p.Code == LoopWithoutWait).Select(p => p.NodeId).ShouldBe(["ping", "again"], ignoreOrder: true);
    }

    //  start → fix(Resolved) → again(Condition) ─default→ fix;  again ─amount > 0→ end
    [Fact]
    public void ALoopThroughATaskIsSound() =>
        Check([Start(), Task("fix", TicketStatus.Resolved), Condition("again"), End()],
            E("start", "fix"), E("fix", "again"), Default("again", "fix"),
            When("again", "end", FlowFacts.Amount, Scrm.Domain.Forms.ConditionOperator.GreaterThan, "0")).ShouldBeEmpty();

    //  start → route ─amount > 0→ end;  route ─(no rule)→ other
    [Fact]
    public void AConditionNeedsADefaultAndARuleOnEveryOtherEdge()
    {
        var problems = Check([Start(), Condition("route"), End(), End("other")],
            E("start", "route"), When("route", "end", FlowFacts.Amount, Scrm.Domain.Forms.ConditionOperator.GreaterThan, "0"),
            E("route", "other"));

        Only(problems, ConditionWithoutDefault).NodeId.ShouldBe("route");
        Only(problems, ConditionEdgeWithoutRule).EdgeId.ShouldBe("route>other");
    }

    //  start → approve(no levels) ─(no outcome)→ end
    [Fact]
    public void AnApprovalNeedsLevelsAndApprovedAndRejectedEdges()
    {
        var problems = Check([Start(), Approval("approve"), End()], E("start", "approve"), E("approve", "end"));

        Only(problems, ApprovalWithoutLevels).NodeId.ShouldBe("approve");
        Only(problems, ApprovalWithoutApproved).NodeId.ShouldBe("approve");
        Only(problems, ApprovalWithoutRejected).NodeId.ShouldBe("approve");
    }

    //  start → idle(Task, nothing to wait for) → wait(Timer, no minutes) → kids(ChildTicket, no steps) → end
    [Fact]
    public void WaitingNodesNeedWhatTheyWaitFor()
    {
        var problems = Check(
            [Start(), Task("idle", TicketStatus.New) with { WaitFor = null }, Timer("wait", 0), Child("kids"), End()],
            E("start", "idle"), E("idle", "wait"), E("wait", "kids"), E("kids", "end"));

        Only(problems, TaskWithoutWait).NodeId.ShouldBe("idle");
        Only(problems, TimerWithoutMinutes).NodeId.ShouldBe("wait");
        Only(problems, ChildTicketWithoutSteps).NodeId.ShouldBe("kids");
    }

    [Fact]
    public void EverySampleFlowIsValid()
    {
        foreach (var flow in SampleFlows.All)
            FlowValidator.Validate(flow).ShouldBeEmpty(flow.Name);
    }

    [Fact]
    public void SampleFlowsAreLaidOutLeftToRight()
    {
        foreach (var flow in SampleFlows.All)
            foreach (var edge in flow.Edges.Where(e => e.Outcome != ApprovalOutcome.SentBack))
                flow.Node(edge.To)!.X.ShouldBeGreaterThan(flow.Node(edge.From)!.X, $"{flow.Name}: {edge.Id}");
    }

    /// <summary>The designer shows a problem by its code through the Error.&lt;code&gt; text, in both languages.</summary>
    [Fact]
    public void EveryProblemCodeAndGateReasonHasATranslation()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Scrm.sln"))) root = Path.GetDirectoryName(root)!;
        var rows = File.ReadAllLines(Path.Combine(root, "Scrm.App", "Resources", "strings.tsv"))
            .Select(l => l.Split('\t')).Where(c => c.Length == 3 && c.All(t => t.Length > 0)).Select(c => c[0]).ToHashSet();

        var codes = FlowProblemCodes.All.Append(FlowEngine.ApprovalPending).Append(FlowEngine.ChildTicketOpen);

        codes.Where(c => !rows.Contains("Error." + c)).ShouldBeEmpty();
    }
}
