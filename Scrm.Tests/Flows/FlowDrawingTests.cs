using Scrm.Domain.Common;
using Scrm.App.Features.Flows.Designer;
using Scrm.Domain.Flows;
using Scrm.Tests.Domain.Flows;

namespace Scrm.Tests.Flows;

public class FlowDrawingRoundTrip
{
    [Fact]
    public void ADefinitionDrawnAndReadBackKeepsNodesPositionsEdgesAndTheirProperties()
    {
        var rich = TestFlows.Rich() with { Key = "repair-standard", Name = "标准维修" };
        var diagram = FlowDrawing.NewDiagram();

        FlowDrawing.Draw(diagram, rich);
        var back = FlowDrawing.Read(diagram, rich);

        DomainJson.Serialize(back).ShouldBe(DomainJson.Serialize(rich));
    }

    [Fact]
    public void EachNodeHasAnInPortUnlessItIsTheStartAndAnOutPortUnlessItIsAnEnd()
    {
        var diagram = FlowDrawing.NewDiagram();

        FlowDrawing.Draw(diagram, TestFlows.Simple());

        diagram.Nodes.Select(n => n.Ports.Count).ShouldBe([1, 2, 1]);
        diagram.Links.Count.ShouldBe(2);
    }

    [Fact]
    public void ANodeDraggedElsewhereIsReadAtItsNewPosition()
    {
        var diagram = FlowDrawing.NewDiagram();
        FlowDrawing.Draw(diagram, TestFlows.Simple());

        diagram.Nodes.Single(n => n.Id == "repair").SetPosition(300.4, 260.6);

        var repair = FlowDrawing.Read(diagram, TestFlows.Simple()).Node("repair")!;
        (repair.X, repair.Y).ShouldBe((300, 261));
        repair.WaitFor.ShouldBe(Scrm.Domain.Tickets.TicketStatus.Resolved);
    }

    [Fact]
    public void ALinkNotYetOnATargetPortIsNoEdge()
    {
        var diagram = FlowDrawing.NewDiagram();
        FlowDrawing.Draw(diagram, TestFlows.Simple());
        var outPort = diagram.Nodes.Single(n => n.Id == "repair").GetPort(Blazor.Diagrams.Core.Models.PortAlignment.Right)!;

        diagram.Links.Add(new FlowLinkModel(new Blazor.Diagrams.Core.Anchors.SinglePortAnchor(outPort),
            new Blazor.Diagrams.Core.Anchors.PositionAnchor(new Blazor.Diagrams.Core.Geometry.Point(10, 10))));

        FlowDrawing.Read(diagram, TestFlows.Simple()).Edges.Count.ShouldBe(2);
    }
}
