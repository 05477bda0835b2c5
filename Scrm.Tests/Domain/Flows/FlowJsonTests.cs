using Scrm.Domain.Common;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Flows.FlowGraph;

namespace Scrm.Tests.Domain.Flows;

public sealed class FlowJsonRoundTrips
{
    /// <summary>An installation mid-way: one branch at the join, one waiting, and a pipeline two steps in elsewhere.</summary>
    private static FlowInstanceState MidFlight() => new(
        [
            new ActiveNode("book", T0, 1),
            new ActiveNode("approve", T0.AddMinutes(5), 2, Level: 1, Escalated: true),
            new ActiveNode("trades", T0.AddMinutes(9), 1, Step: 2),
        ],
        [new JoinArrival("join", "stock>join")],
        [
            new PathStep("start", T0, T0, "Done"),
            new PathStep("approve", T0.AddMinutes(1), T0.AddMinutes(2), "SentBack", "请补充报价单"),
            new PathStep("book", T0),
        ],
        Finished: false);

    [Fact]
    public void AStateSurvivesTheJsonRoundTripFieldForField()
    {
        var state = MidFlight();

        var back = DomainJson.Deserialize<FlowInstanceState>(DomainJson.Serialize(state));

        back.Active.ShouldBe(state.Active);
        back.Arrivals.ShouldBe(state.Arrivals);
        back.Path.ShouldBe(state.Path);
        back.Finished.ShouldBe(state.Finished);
        DomainJson.Serialize(back).ShouldBe(DomainJson.Serialize(state));
    }

    [Fact]
    public void AStateIsStoredCompactlyWithoutNullsOrZeroCounters()
    {
        var json = DomainJson.Serialize(new FlowInstanceState([new ActiveNode("book", T0, 1)], [], [new PathStep("book", T0)], false));

        json.ShouldNotContain("null");
        json.ShouldNotContain("level");
        json.ShouldNotContain("escalated");
        json.ShouldContain("\"nodeId\":\"book\"");
    }

    [Fact]
    public void AnInstanceContinuesTheSameFromItsStoredState()
    {
        var flow = SampleFlows.Installation();
        var run = Instance.Start(flow).Send(new SectionCompleted("stock"));
        var stored = DomainJson.Deserialize<FlowInstanceState>(DomainJson.Serialize(run.State));

        var fromMemory = FlowEngine.Apply(flow, run.State, new SectionCompleted("appointment"), run.Facts, T0.AddHours(1));
        var fromStore = FlowEngine.Apply(flow, stored, new SectionCompleted("appointment"), run.Facts, T0.AddHours(1));

        fromStore.Effects.ShouldBe(fromMemory.Effects);
        DomainJson.Serialize(fromStore.State).ShouldBe(DomainJson.Serialize(fromMemory.State));
    }

    [Fact]
    public void EverySampleDefinitionSurvivesTheRoundTrip()
    {
        foreach (var flow in SampleFlows.All)
        {
            var json = DomainJson.Serialize(flow);
            var back = DomainJson.Deserialize<FlowDefinition>(json);

            DomainJson.Serialize(back).ShouldBe(json);
            back.Nodes.Select(n => n with { Levels = null, Steps = null }).ShouldBe(flow.Nodes.Select(n => n with { Levels = null, Steps = null }));
            back.Nodes.SelectMany(n => n.Levels ?? []).ShouldBe(flow.Nodes.SelectMany(n => n.Levels ?? []));
            back.Nodes.SelectMany(n => n.Steps ?? []).ShouldBe(flow.Nodes.SelectMany(n => n.Steps ?? []));
            back.Edges.Select(e => e with { When = null }).ShouldBe(flow.Edges.Select(e => e with { When = null }));
        }
    }

    [Fact]
    public void DefinitionsAreCamelCaseWithEnumsByName()
    {
        var json = DomainJson.Serialize(SampleFlows.Complaint());

        json.ShouldContain("\"kind\":\"Task\"");
        json.ShouldContain("\"waitFor\":\"Resolved\"");
        json.ShouldContain("\"timeLimitMinutes\":120");
        json.ShouldContain("\"when\":{\"kind\":\"field\"");
    }

    [Fact]
    public void SignalsAndEffectsKeepTheirCaseThroughJson()
    {
        FlowSignal signal = new Decision("approve", ApprovalOutcome.SentBack, "Manager", "返工");
        FlowEffect effect = new SpawnChild("trades", 1, new ChildStep("管道清洗", TicketType.Maintenance, "管道工"));

        DomainJson.Deserialize<FlowSignal>(DomainJson.Serialize(signal)).ShouldBe(signal);
        DomainJson.Deserialize<FlowEffect>(DomainJson.Serialize(effect)).ShouldBe(effect);
    }
}
