using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Scrm.Domain.Flows;

namespace Scrm.App.Features.Flows.Designer;

/// <summary>A flow node on the canvas: the domain node it stands for, and the problems the validator finds with it.</summary>
public sealed class FlowNodeModel : NodeModel
{
    public FlowNodeModel(FlowNode node) : base(node.Id, new Point(node.X, node.Y))
    {
        Node = node;
        // Links come in on the left and leave on the right; a Start has nothing coming in, an End nothing going out.
        if (node.Kind != FlowNodeKind.Start) AddPort(PortAlignment.Left);
        if (node.Kind != FlowNodeKind.End) AddPort(PortAlignment.Right);
    }

    public FlowNode Node { get; set; }

    public IReadOnlyList<string> Problems { get; set; } = [];

    /// <summary>Where the sandbox's run stands on this node.</summary>
    public SandboxMark Mark { get; set; }

    /// <summary>The bottleneck overlay's figures for this node; null when the overlay is off or has none.</summary>
    public Bottlenecks.NodeLoad? Load { get; set; }

    /// <summary>The node as it stands now, where it was dragged to.</summary>
    public FlowNode Current => Node with { X = Math.Round(Position.X), Y = Math.Round(Position.Y) };
}

/// <summary>How the sandbox's run marks a node: passed through, or waiting there now.</summary>
public enum SandboxMark
{
    None,
    Visited,
    Active,
}

/// <summary>A flow edge on the canvas, carrying the edge's condition, default switch and approval outcome.</summary>
public sealed class FlowLinkModel : LinkModel
{
    public FlowLinkModel(string id, PortModel source, PortModel target, FlowEdge edge) : base(id, source, target)
    {
        Edge = edge;
        TargetMarker = LinkMarker.Arrow;
    }

    /// <summary>A link being drawn from a port; it becomes an edge once its target is a port.</summary>
    public FlowLinkModel(Blazor.Diagrams.Core.Anchors.Anchor source, Blazor.Diagrams.Core.Anchors.Anchor target) : base(source, target)
    {
        Edge = new FlowEdge();
        TargetMarker = LinkMarker.Arrow;
    }

    public FlowEdge Edge { get; set; }

    public string? FromNodeId => (Source.Model as PortModel)?.Parent.Id;

    public string? ToNodeId => (Target.Model as PortModel)?.Parent.Id;

    /// <summary>What the link says on the canvas (its label, condition or outcome); none when empty.</summary>
    public void ShowText(string? text)
    {
        Labels.Clear();
        if (!string.IsNullOrWhiteSpace(text)) AddLabel(text);
        Refresh();
    }
}
