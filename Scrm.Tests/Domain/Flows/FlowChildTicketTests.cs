using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;
using static Scrm.Tests.Domain.Flows.FlowGraph;

namespace Scrm.Tests.Domain.Flows;

public sealed class FlowChildTickets
{
    private static readonly ChildStep Wiring = new("电路检查", TicketType.Inspection, "电工");
    private static readonly ChildStep Pipes = new("管道清洗", TicketType.Maintenance, "管道工");
    private static readonly ChildStep Pressure = new("压力测试", TicketType.Inspection, "质检员");

    //  start → trades[电路检查 → 管道清洗 → 压力测试] → handover(Resolved) → end
    private static readonly FlowDefinition Pipeline = Flow(
        [Start(), Child("trades", Wiring, Pipes, Pressure), Task("handover", TicketStatus.Resolved), End()],
        E("start", "trades"), E("trades", "handover"), E("handover", "end"));

    [Fact]
    public void ThePipelineSpawnsItsFirstStep()
    {
        var run = Instance.Start(Pipeline);

        run.Effect<SpawnChild>().ShouldBe([new SpawnChild("trades", 0, Wiring)]);
        run.Waiting.ShouldBe(["trades"]);
    }

    [Fact]
    public void ClosingAStepTellsTheNextPartyAndSpawnsItsTicket()
    {
        var run = Instance.Start(Pipeline);

        run.Send(new ChildClosed("trades", 0));
        run.Effects.ShouldBe(new FlowEffect[]
        {
            new Notify("trades", "管道工", "电路检查已完成，请开始管道清洗"), new SpawnChild("trades", 1, Pipes),
        });
        run.State.Active.Single().Step.ShouldBe(1);

        run.Send(new ChildClosed("trades", 1));
        run.Effect<Notify>().ShouldHaveSingleItem().Recipient.ShouldBe("质检员");
        run.Effect<SpawnChild>().ShouldBe([new SpawnChild("trades", 2, Pressure)]);

        run.Send(new ChildClosed("trades", 2));
        run.Waiting.ShouldBe(["handover"]);
        run.Effect<SpawnChild>().ShouldBeEmpty();
    }

    [Fact]
    public void AClosureDeliveredTwiceChangesNothing()
    {
        var run = Instance.Start(Pipeline).Send(new ChildClosed("trades", 0));
        var state = run.State;

        run.Send(new ChildClosed("trades", 0));

        run.State.ShouldBeSameAs(state);
        run.Effects.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    public void TheGateBlocksResolvingAndClosingWhileAChildIsOpen(TicketStatus to)
    {
        var run = Instance.Start(Pipeline).Send(new ChildClosed("trades", 0));

        FlowEngine.Blocks(Pipeline, run.State, to).ShouldBe(FlowEngine.ChildTicketOpen);
        FlowEngine.Blocks(Pipeline, run.State, TicketStatus.OnSite).ShouldBeNull();

        run.Send(new ChildClosed("trades", 1)).Send(new ChildClosed("trades", 2));
        FlowEngine.Blocks(Pipeline, run.State, to).ShouldBeNull();
    }
}
